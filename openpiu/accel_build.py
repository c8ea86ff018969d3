"""Builds the compiled readers (``openpiu/accel.py``): ``python -m openpiu.accel_build [build|status]``.

``make`` runs it before the demo, the tests and the benchmarks. It compiles the group with mypyc in place
(extension modules beside the sources, intermediate files under ``build/accel``), writes the manifest the
guard checks, and does nothing when the build is current. On a machine that cannot compile it says why in
one line and exits 0: OpenPIU then runs the pure Python readers.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path

from openpiu.accel import (
    GROUP,
    MANIFEST,
    MODULES,
    PACKAGE_ROOT,
    compiled_file,
    decide,
    describe,
    read_manifest,
    source_hashes,
    source_path,
)

_SETUP = """
import sys
from mypyc.build import mypycify
from setuptools import setup

paths = sys.argv[1].split(",")
setup(
    name="openpiu-accel",
    ext_modules=mypycify(paths, opt_level="3", group_name=sys.argv[2], target_dir="build/accel"),
    script_args=[
        "build_ext", "--inplace", "--build-temp", "build/accel/temp", "--build-lib", "build/accel/lib"
    ],
)
"""


def missing_tools() -> str | None:
    """What the build lacks on this machine (a C compiler, Python's headers, mypyc), or None."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (Python.h)"
    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed (it comes with mypy, in the dev extras)"
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not installed (in the dev extras)"
    return None


def build(project: Path, log: Path) -> str:
    """Compile the group in place under ``project`` unless already current; returns a one-line outcome.

    Never raises for a machine that cannot compile: the readers then run as pure Python.
    """
    root = project / "openpiu"
    current = source_hashes(root=root)
    built = {m: compiled_file(m, root) is not None for m in MODULES}
    manifest = read_manifest(root / MANIFEST.name)
    if decide(manifest, current, built, pure_requested=False).compiled:
        return "compiled readers: up to date"
    if manifest is not None and manifest.get("failed") and manifest.get("modules") == current:
        return f"compiled readers: not built (the last build of these sources failed, see {log}); pure Python"
    lacking = missing_tools()
    if lacking is not None:
        return f"compiled readers: not built ({lacking}); running the pure Python readers"
    for module in MODULES:
        stale = compiled_file(module, root)
        if stale is not None:
            stale.unlink()
    paths = ",".join(str(source_path(m, root).relative_to(project)) for m in MODULES)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(  # noqa: S603 - our own interpreter on our own build script and module list
            [sys.executable, "-c", _SETUP, paths, GROUP], cwd=project, stdout=out, stderr=subprocess.STDOUT
        )
    ok = done.returncode == 0 and all(compiled_file(m, root) is not None for m in MODULES)
    record: dict[str, object] = {"modules": current, "python": sys.implementation.cache_tag}
    if not ok:
        record["failed"] = True
        for module in MODULES:
            partial = compiled_file(module, root)
            if partial is not None:
                partial.unlink()
    (root / MANIFEST.name).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not ok:
        return f"compiled readers: build failed (see {log}); running the pure Python readers"
    return f"compiled readers: built {len(MODULES)} modules with mypyc"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m openpiu.accel_build [build|status]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "build"
    project = PACKAGE_ROOT.parent
    if command == "build":
        print(build(project, project / "build" / "accel" / "build.log"))
        return 0
    if command == "status":
        print(f"readers: {describe()}")
        return 0
    print("usage: python -m openpiu.accel_build [build|status]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
