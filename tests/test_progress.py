import io

from dossier.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_progress_rewrites_one_line_and_ends_it():
    stream = Terminal()
    progress = Progress(enabled=True, stream=stream, interval=0)
    for done in range(1, 4):
        progress.show("Pages rendered", done, 3)
    progress.finish()
    assert stream.getvalue() == "".join(f"\rPages rendered: {n}/3\x1b[K" for n in (1, 2, 3)) + "\n"


def test_progress_is_silent_in_ci_and_when_not_on_a_terminal(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert not Progress.for_terminal(Terminal()).enabled
    monkeypatch.delenv("CI")
    assert Progress.for_terminal(Terminal()).enabled
    assert not Progress.for_terminal(io.StringIO()).enabled
