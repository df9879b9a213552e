"""Atomic writes: the whole new file or the old one, with the user's umask."""

import os
import stat
from pathlib import Path

import pytest

from service.errors import AdaptError, ErrorCode
from service.files import replace_atomically, write_atomic


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_the_new_file_gets_the_umask_not_a_private_mode(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "shared.csv", b"a,b\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "shared.csv").stat().st_mode) == 0o644


def test_a_failed_write_says_which_path_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    with pytest.raises(AdaptError) as refused:
        write_atomic(target, b"new")
    assert refused.value.code is ErrorCode.UNWRITABLE_FILE
    assert refused.value.fields["path"] == str(target)
    with pytest.raises(OSError):
        replace_atomically(target, b"new")
