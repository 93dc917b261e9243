from dossier.memo import Memo


def test_a_value_is_reused_while_its_inputs_are_the_same_or_equal_and_computed_again_when_they_change():
    memo, computed = Memo(), []

    def square(number):
        computed.append(number)
        return number * number

    inputs = ("a", 3)
    assert memo.get("key", inputs, lambda: square(3)) == 9
    memo.done()
    assert memo.get("key", inputs, lambda: square(3)) == 9  # the same object
    memo.done()
    assert memo.get("key", ("a", 3), lambda: square(3)) == 9  # an equal one
    memo.done()
    assert memo.get("key", ("a", 4), lambda: square(4)) == 16
    assert computed == [3, 4]


def test_what_a_run_did_not_ask_for_is_forgotten_when_it_ends():
    memo = Memo()
    memo.get("removed", 1, lambda: "old")
    memo.get("kept", 1, lambda: "old")
    memo.done()
    memo.get("kept", 1, lambda: "new")
    memo.done()
    assert memo.kept("kept", 1) == "old"
    assert memo.kept("removed", 1) is None
    assert memo.get("removed", 1, lambda: "new") == "new"


def test_kept_and_keep_split_a_lookup_from_the_work_it_saves():
    memo = Memo()
    assert memo.kept("key", "inputs", "missing") == "missing"
    memo.keep("key", "inputs", "value")
    memo.done()
    assert memo.kept("key", "other inputs") is None
    assert memo.kept("key", "inputs") == "value"


def test_one_run_ends_every_memo_the_caches_hold_and_a_run_that_fails_ends_none():
    from dataclasses import dataclass, field

    import pytest

    from dossier.memo import one_run

    @dataclass
    class Stage:
        memo: Memo = field(default_factory=Memo)

    @dataclass
    class Caches:
        own: Memo = field(default_factory=Memo)
        stage: Stage = field(default_factory=Stage)

    caches = Caches()
    with one_run(caches):
        caches.own.get("a", 1, lambda: "first")
        caches.stage.memo.get("b", 1, lambda: "first")
    with pytest.raises(ZeroDivisionError), one_run(caches):
        caches.own.get("a", 2, lambda: "from a failed run")
        1 / 0
    with one_run(caches):
        assert caches.own.get("a", 1, lambda: "again") == "first"  # the failed run changed nothing
        assert caches.stage.memo.get("b", 1, lambda: "again") == "first"
    with one_run(caches):
        pass  # a run that asks for nothing forgets everything
    assert caches.own.kept("a", 1) is None and caches.stage.memo.kept("b", 1) is None
