"""Compiled readers: the EDIFACT readers' own typed sources built into C extensions by mypyc.

The message readers are the hot path of intake. The modules named in ``MODULES`` are plain, strictly typed
Python; ``make`` (through ``python -m openpiu.accel_build``) compiles them with mypyc, in place, into
extension modules that Python imports instead of the ``.py`` files. Nothing is written twice: the compiled
readers are the same source, and the test suite runs on them (``tests/test_accel.py`` also checks that
both give identical results).

A compiled module must never run in place of a source that has changed since it was built (an edited
``booking.py`` silently shadowed by yesterday's ``booking.so`` would be a trap for every developer). The
build (``openpiu/accel_build.py``) records the SHA-256 of each source it compiled in a manifest;
``guard()``, called when ``openpiu`` is imported, compares it with the sources on disk, and when any
differs — or the manifest is missing, or ``OPENPIU_PURE_PYTHON=1`` is set — every module of the group is
imported from its ``.py`` source (the group is all or nothing: compiled modules call each other directly,
so one stale member would be called by the others). Without a C compiler the build says so in one line
and OpenPIU runs on the pure Python readers, slower and otherwise identical.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# The compiled group (PAXLST and PNRGOV readers, their lexer and dates): mypyc compiles them together.
MODULES: tuple[str, ...] = (
    "openpiu.formats.dates",
    "openpiu.formats.edifact.delimiters",
    "openpiu.formats.edifact.envelope",
    "openpiu.formats.edifact.lexer",
    "openpiu.formats.edifact.segment",
    "openpiu.formats.paxlst.legs",
    "openpiu.formats.paxlst.message",
    "openpiu.formats.paxlst.traveller",
    "openpiu.model.construct",
    "openpiu.formats.pnrgov.booking",
    "openpiu.formats.pnrgov.builders",
    "openpiu.formats.pnrgov.elements",
    "openpiu.formats.pnrgov.finish",
    "openpiu.formats.pnrgov.markers",
    "openpiu.formats.pnrgov.message",
    "openpiu.formats.pnrgov.ssr",
)
# mypyc puts the group's shared code in one more extension module of this name (next to the package).
GROUP = "openpiu._accel"
PURE_ENV = "OPENPIU_PURE_PYTHON"
PACKAGE_ROOT = Path(__file__).resolve().parent
MANIFEST = PACKAGE_ROOT / "_accel.json"


@dataclass(frozen=True)
class Status:
    """Whether the compiled readers are in use, and if not, why."""

    compiled: bool
    reason: str


def source_path(module: str, root: Path = PACKAGE_ROOT) -> Path:
    """The ``.py`` file of ``module`` (a name under ``openpiu``) in the package at ``root``."""
    parts = module.split(".")
    return root.joinpath(*parts[1:]).with_suffix(".py")


def source_hashes(modules: Sequence[str] = MODULES, root: Path = PACKAGE_ROOT) -> dict[str, str]:
    """SHA-256 of each module's source as it is on disk now."""
    return {m: hashlib.sha256(source_path(m, root).read_bytes()).hexdigest() for m in modules}


def compiled_file(module: str, root: Path = PACKAGE_ROOT) -> Path | None:
    """The extension module built for ``module`` for this interpreter, if there is one."""
    source = source_path(module, root)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_suffix(suffix)
        if candidate.exists():
            return candidate
    return None


def decide(
    manifest: Mapping[str, object] | None,
    current: Mapping[str, str],
    built: Mapping[str, bool],
    *,
    pure_requested: bool,
) -> Status:
    """Whether the compiled group may be used: every member built, recorded and unchanged since."""
    if not any(built.values()):
        return Status(False, "not built (make builds it; needs a C compiler)")
    if pure_requested:
        return Status(False, f"{PURE_ENV}=1")
    if manifest is None:
        return Status(False, "built, but no manifest records what from: rebuild with make")
    if manifest.get("failed"):
        return Status(False, "the last build failed: see build/accel/build.log")
    recorded = manifest.get("modules")
    if not isinstance(recorded, dict):
        return Status(False, "the manifest is unreadable: rebuild with make")
    for module, digest in current.items():
        if not built.get(module):
            return Status(False, f"{module} is not built: rebuild with make")
        if recorded.get(module) != digest:
            return Status(False, f"{module} changed since it was compiled: rebuild with make")
    return Status(True, "compiled with mypyc")


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Imports the named modules from their ``.py`` sources even where an extension module lies beside."""

    def __init__(self, paths: Mapping[str, Path]) -> None:
        self._paths = dict(paths)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        source = self._paths.get(fullname)
        if source is None:
            return None
        return importlib.util.spec_from_file_location(fullname, source)


_status: Status | None = None


def guard() -> Status:
    """Decide once per process whether the compiled readers are used; import the sources when not."""
    global _status  # one decision per process, made before any reader is imported
    if _status is not None:
        return _status
    built = {m: compiled_file(m) is not None for m in MODULES}
    status = decide(
        read_manifest(MANIFEST),
        source_hashes() if any(built.values()) else {},
        built,
        pure_requested=os.environ.get(PURE_ENV, "") not in ("", "0"),
    )
    if not status.compiled and any(built.values()):
        sys.meta_path.insert(0, _SourceFirst({m: source_path(m) for m in MODULES}))
    _status = status
    return status


def status() -> Status:
    """The decision ``guard()`` made for this process."""
    return guard()


def describe() -> str:
    """Which readers this process runs, for summaries and benchmark reports."""
    decided = guard()
    return f"{'compiled' if decided.compiled else 'pure Python'} ({decided.reason})"


def read_manifest(path: Path) -> dict[str, object] | None:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None
