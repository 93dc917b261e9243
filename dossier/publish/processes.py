"""Work spread over forked processes: how many cores there are, and a pool of workers forked
from this process, which inherit what it holds (copy-on-write, never pickled)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator


def available_cores() -> int:
    """The cores this process may run on (a CI runner's or a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork")


@contextmanager
def forked_workers(jobs: int, initializer: Callable[[], None] | None = None) -> Iterator[ProcessPoolExecutor]:
    """``jobs`` processes forked from this one, stopped (their pending work cancelled) on leaving."""
    gc.freeze()  # the workers share the parent's objects without the collector copying them to walk them
    workers = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_started_worker, initargs=(initializer,)
    )
    try:
        yield workers
    finally:
        workers.shutdown(cancel_futures=True)  # after an error, the work left is not wanted
        gc.unfreeze()


def _started_worker(initializer: Callable[[], None] | None) -> None:
    # Ctrl+C reaches the whole process group: the parent stops the workers, without a traceback from each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    if initializer is not None:
        initializer()


ORPHAN_CHECK_SECONDS = 1.0


def _exit_when_orphaned(parent: int) -> None:
    # A parent killed outright (SIGKILL, out of memory) cannot stop its workers, and they would
    # wait for work forever: they inherited the work queue's writing end, so it never closes.
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def picklable(error: BaseException | None) -> BaseException | None:
    """The exception itself if it can travel between processes, else a RuntimeError naming it."""
    if error is None:
        return None
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(error).__name__}: {error}")
