"""``stamps.look``: a file is taken as unchanged without reading it only while its stamp vouches
for it; otherwise it is read, and compared by its bytes."""

from __future__ import annotations

import os
import shutil

import pytest

from dossier.content import stamps
from dossier.content.stamps import Seen, look
from tests.helpers import replace_keeping_size_and_time


@pytest.fixture
def reads(monkeypatch):
    """The paths ``look`` reads."""
    read = []
    digest = stamps._digest

    def counted(path, follow_links):
        read.append(os.path.basename(path))
        return digest(path, follow_links)

    monkeypatch.setattr(stamps, "_digest", counted)
    return read


def test_a_stamp_vouches_once_the_file_has_not_changed_for_a_while(tmp_path, reads, monkeypatch):
    path = tmp_path / "entity.yml"
    path.write_text("name: Wagner Group\n", encoding="utf-8")
    first = look(str(path), None)
    assert not first.vouches  # just written: it may change again within the same clock tick
    second = look(str(path), first)
    assert second == first and second is not first and reads == ["entity.yml", "entity.yml"]
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # as if the file had been left alone for two seconds
    third = look(str(path), second)
    assert third.vouches and look(str(path), third) is third and len(reads) == 3  # not read again


def test_an_edit_that_keeps_the_size_and_modification_time_still_changes_the_stamp(tmp_path, reads, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    path = tmp_path / "entity.yml"
    path.write_text("name: Wagner Group\n", encoding="utf-8")
    kept = look(str(path), None)
    assert kept.vouches
    replace_keeping_size_and_time(path, "Wagner", "Wagnar")  # its status-change time cannot be put back
    assert look(str(path), kept) != kept and reads == ["entity.yml", "entity.yml"]


def test_a_stamp_that_does_not_vouch_is_checked_against_the_bytes(tmp_path):
    path = tmp_path / "entity.yml"
    path.write_text("name: Wagner Group\n", encoding="utf-8")
    now = look(str(path), None)
    # What a cache would keep had it read the file just before another write in the same clock
    # tick: the same stamp, other bytes. Only the stamp's vouching tells the two cases apart.
    racy = Seen(b"the bytes before", now.stamp, vouches=False)
    assert look(str(path), racy) != racy
    assert look(str(path), Seen(b"the bytes before", now.stamp, vouches=True)).digest == b"the bytes before"


def test_the_same_bytes_under_another_stamp_are_the_same(tmp_path, reads):
    path = tmp_path / "entity.yml"
    path.write_text("name: Wagner Group\n", encoding="utf-8")
    kept = look(str(path), None)
    copy = tmp_path / "copy.yml"
    shutil.copy(path, copy)
    assert look(str(copy), kept) == kept  # a copied project keeps what was made of its files
    path.write_text("name: Wagner Group!\n", encoding="utf-8")
    assert look(str(path), kept) != kept


def test_a_link_or_a_fifo_is_not_read_and_differs_from_a_missing_file(tmp_path):
    target = tmp_path / "target.yml"
    target.write_text("name: Wagner Group\n", encoding="utf-8")
    (tmp_path / "link.yml").symlink_to(target)
    os.mkfifo(tmp_path / "fifo.yml")  # opening it to read would wait for a writer forever
    missing = look(str(tmp_path / "missing.yml"), None)
    assert missing == Seen(None, None, True)
    assert look(str(tmp_path / "link.yml"), None).digest == b""  # content/ never follows links
    assert look(str(tmp_path / "fifo.yml"), None).digest == b""
    assert look(str(tmp_path / "fifo.yml"), missing) != missing
    assert look(str(tmp_path / "link.yml"), None, follow_links=True) == look(str(target), None)  # templates/ may
