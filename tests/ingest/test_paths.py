from __future__ import annotations

from pathlib import Path

import pytest
from factories import paxlst
from sqlalchemy import Engine

from openpiu.ingest import collect_files, ingest_paths


def test_folders_are_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.edi", "a.edi", ".hidden.edi", ".git/config", "b/1.edi"):
        (tmp_path / name).write_bytes(b"x")
    single = tmp_path / ".explicit"
    single.write_bytes(b"x")
    files = collect_files([tmp_path, single])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.edi", "b/1.edi", "b/2.edi", ".explicit"]


def test_a_missing_path_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no such file or folder: .*missing"):
        collect_files([tmp_path, tmp_path / "missing"])


def test_files_are_ingested_under_their_path_and_unreadable_ones_listed(
    engine: Engine, tmp_path: Path
) -> None:
    good = tmp_path / "good.edi"
    good.write_bytes(paxlst())
    unreadable = tmp_path / "a-folder"  # reading a folder as a file fails like an unreadable file
    unreadable.mkdir()
    summary = ingest_paths(engine, [good, unreadable])
    assert (summary.received, summary.parsed, summary.travellers) == (1, 1, 1)
    assert [(u.source, u.reason) for u in summary.unreadable] == [(str(unreadable), "Is a directory")]
