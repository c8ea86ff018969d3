"""The compiled readers (openpiu/accel.py): used only while current, and identical to the pure Python ones."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from openpiu import accel
from openpiu.accel import MODULES, PURE_ENV, Status, decide
from openpiu.synth import write_day
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
CURRENT = {m: f"hash-{m}" for m in MODULES}
ALL_BUILT = dict.fromkeys(MODULES, True)


def _require_compiled() -> None:
    """Skip where the machine could not compile; on CI the compiled readers must be there."""
    if accel.status().compiled:
        return
    if os.environ.get("CI"):
        pytest.fail(
            "the compiled readers are not built on CI: `make test` runs python -m openpiu.accel_build"
        )
    pytest.skip("compiled readers not built here (python -m openpiu.accel_build)")


def _run(code: str, *, pure: bool, pythonpath: Path | None = None, args: tuple[str, ...] = ()) -> str:
    env = {k: v for k, v in os.environ.items() if k != PURE_ENV}
    if pure:
        env[PURE_ENV] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run(  # noqa: S603 - the test's own interpreter on the test's own code
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=pythonpath or ROOT,  # ``-c`` puts the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return done.stdout


def test_the_group_is_used_only_when_every_member_is_built_recorded_and_unchanged() -> None:
    manifest: dict[str, object] = {"modules": dict(CURRENT)}
    assert decide(manifest, CURRENT, ALL_BUILT, pure_requested=False) == Status(True, "compiled with mypyc")
    changed = {**CURRENT, MODULES[3]: "edited"}
    stale = decide(manifest, changed, ALL_BUILT, pure_requested=False)
    assert not stale.compiled
    assert MODULES[3] in stale.reason
    assert "changed since it was compiled" in stale.reason
    one_missing = {**ALL_BUILT, MODULES[0]: False}
    assert not decide(manifest, CURRENT, one_missing, pure_requested=False).compiled
    assert not decide(None, CURRENT, ALL_BUILT, pure_requested=False).compiled
    assert not decide({"modules": "?"}, CURRENT, ALL_BUILT, pure_requested=False).compiled
    assert not decide({**manifest, "failed": True}, CURRENT, ALL_BUILT, pure_requested=False).compiled
    requested = decide(manifest, CURRENT, ALL_BUILT, pure_requested=True)
    assert requested == Status(False, f"{PURE_ENV}=1")
    nothing = decide(None, {}, dict.fromkeys(MODULES, False), pure_requested=False)
    assert not nothing.compiled
    assert "not built" in nothing.reason


def test_pure_python_is_imported_when_asked_for() -> None:
    code = "import openpiu.accel as a, openpiu.formats.pnrgov.booking as b, openpiu.model.construct as c\n"
    code += "print(a.status().compiled, b.__file__, c.COMPILED)"
    out = _run(code, pure=True)
    compiled, path, construct_compiled = out.split()
    assert compiled == "False"
    assert path.endswith("booking.py")
    assert construct_compiled == "False"


def test_the_compiled_readers_are_imported_when_current() -> None:
    _require_compiled()
    code = (
        "import openpiu.accel as a, openpiu.formats.pnrgov.message as m, openpiu.formats.edifact.lexer as l\n"
        "import openpiu.model.construct as c\nfrom openpiu.model import Ticket\n"
        "print(a.status().compiled, type(m.push_from_message).__name__, l.__file__, c.COMPILED,\n"
        "      type(c.positional_builder(Ticket)).__name__)"
    )
    compiled, kind, path, construct_compiled, builder = _run(code, pure=False).split()
    assert compiled == "True"
    assert kind == "builtin_function_or_method"  # a C function, not a Python one
    assert not path.endswith(".py")
    assert construct_compiled == "True"
    assert builder == "Builder"  # the compiled builder, not the generated Python function


def test_an_edited_source_is_never_shadowed_by_its_stale_build(tmp_path: Path) -> None:
    _require_compiled()
    copy = tmp_path / "openpiu"
    shutil.copytree(ROOT / "openpiu", copy, ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import openpiu, openpiu.accel as a, openpiu.formats.pnrgov.ssr as s\n"
        "print(openpiu.__file__, a.status().reason, s.__file__, getattr(s, 'EDITED', None), sep='\\n')"
    )
    as_built = _run(code, pure=False, pythonpath=tmp_path).splitlines()
    assert as_built[0] == str(copy / "__init__.py")
    assert as_built[1] == "compiled with mypyc"
    source = copy / "formats" / "pnrgov" / "ssr.py"
    source.write_text(source.read_text(encoding="utf-8") + "\nEDITED = 'yes'\n", encoding="utf-8")
    edited = _run(code, pure=False, pythonpath=tmp_path).splitlines()
    assert "openpiu.formats.pnrgov.ssr changed since it was compiled" in edited[1]
    assert edited[2] == str(source)
    assert edited[3] == "yes"


_PARSE_ALL = """
import hashlib, json, sys
from pathlib import Path
from openpiu.formats import parse_message
from openpiu.errors import ParseError
out = {}
for name in sorted(p for folder in sys.argv[1:] for p in Path(folder).rglob("*")):
    if not name.is_file():
        continue
    try:
        text = repr(parse_message(name.read_bytes(), source=name.name))
    except ParseError as error:
        text = "ParseError: " + str(error)
    out[str(name)] = hashlib.sha256(text.encode()).hexdigest()
print(json.dumps(out))
"""


def _mutants(data: bytes, rng: random.Random, count: int) -> list[bytes]:
    found = []
    for _ in range(count):
        cut = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(cut))
            action = rng.randrange(3)
            if action == 0:
                cut[at] = rng.choice(b"'+:?*\n UNAPQ0\xc4")
            elif action == 1:
                del cut[at : at + rng.randint(1, 40)]
            else:
                cut[at:at] = bytes(rng.choice(b"'+:?") for _ in range(rng.randint(1, 3)))
        found.append(bytes(cut))
    return found


def test_compiled_and_pure_readers_give_identical_results(tmp_path: Path) -> None:
    _require_compiled()
    day = tmp_path / "day"
    write_day(day, seed=11, scale=0.01, day=date(2026, 3, 14), truth=False, pnr=True)
    # The public samples too, read in place, where they are (tests/conftest.py: SHARED).
    corpus = SHARED / "corpus" / "gtas"
    folders = (str(day), str(corpus)) if corpus.is_dir() else (str(day),)
    rng = random.Random(20261129)  # noqa: S311 - reproducible mutations, not secrets
    samples = sorted((day / "pnr").glob("*.edi"))[:4] + sorted((day / "api").glob("*.edi"))[:2]
    assert len(samples) == 6, "the synthetic day has PNR and API files"
    mutated = day / "mutated"
    mutated.mkdir()
    for n, sample in enumerate(samples):
        for m, mutant in enumerate(_mutants(sample.read_bytes(), rng, 40)):
            (mutated / f"{n:02d}-{m:03d}.edi").write_bytes(mutant)
    compiled = json.loads(_run(_PARSE_ALL, pure=False, args=folders))
    pure = json.loads(_run(_PARSE_ALL, pure=True, args=folders))
    assert len(compiled) == len(pure) >= 6 * 40
    differing = sorted(name for name in pure if compiled.get(name) != pure[name])
    assert not differing, f"compiled and pure readers differ on {len(differing)} files, e.g. {differing[:3]}"


def test_a_machine_without_a_compiler_runs_the_pure_readers_and_says_why(tmp_path: Path) -> None:
    copy = tmp_path / "openpiu"
    shutil.copytree(
        ROOT / "openpiu", copy, ignore=shutil.ignore_patterns("__pycache__", "*.so", "_accel.json")
    )
    env = {**os.environ, "CC": "/nonexistent/cc", "PYTHONPATH": str(tmp_path)}
    env.pop(PURE_ENV, None)
    done = subprocess.run(
        [sys.executable, "-m", "openpiu.accel_build"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "compiled readers: not built (no C compiler (/nonexistent/cc)); running the pure Python readers"
    )
    assert not list(copy.rglob("*.so"))
    status = _run("import openpiu.accel as a\nprint(a.status().reason)", pure=False, pythonpath=tmp_path)
    assert status.strip() == "not built (make builds it; needs a C compiler)"
