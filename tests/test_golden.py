"""The generated Markdown of tests/fixtures/base equals its checked-in copy, file for file and
byte for byte: any change to the output is a visible diff in review (refresh: python -m tests.golden)."""

from __future__ import annotations

import difflib

from tests.golden import GOLDEN, generate_base


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_base_fixture_generates_exactly_its_golden_copy(tmp_path):
    generated, golden = files(generate_base(tmp_path / "project")), files(GOLDEN)
    assert sorted(generated) == sorted(golden), "pages added or missing: refresh with python -m tests.golden"
    for path in golden:
        if generated[path] != golden[path]:
            diff = difflib.unified_diff(
                golden[path].decode().splitlines(), generated[path].decode().splitlines(), f"golden/{path}", path, lineterm=""
            )
            raise AssertionError("\n".join(diff) + "\n(intended? refresh with: python -m tests.golden)")
