"""Forked workers (publish/processes.py), which generate and render pages: none outlives its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.helpers import PROJECT_ROOT

PARENT = """
import os, sys, time
from dossier.publish.processes import forked_workers
with forked_workers(2) as workers:
    workers.submit(os.getpid).result()  # all the workers are forked at the first task
    print(*workers._processes, flush=True)
    time.sleep(60)
"""


def test_workers_exit_when_their_parent_is_killed_outright():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and parent.pid not in workers
    parent.send_signal(signal.SIGKILL)
    parent.wait()

    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # not left behind when the test fails
    assert not left


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone: only its exit status is left
        return stat.read().split(") ", 1)[1][0] != "Z"
