"""Run one function in a forked child while the parent starts up: two cores, one wait.

``newsdiff compare A B`` spends about a third of a second importing Textual before it can draw,
and then as long again cleaning and aligning the two articles (more on a first run, which
builds the word table). Forked before Textual is imported, a child does the second while the
parent does the first, and hands the result back pickled through a pipe. Where there is no
fork (Windows), or the child fails in any way, ``result`` simply runs the function in this
process, so the outcome is the same as without it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from newsdiff.errors import NewsdiffError

T = TypeVar("T")
DISABLE = "NEWSDIFF_NO_PREFORK"  # set to run everything in one process (debugging, profiling)


class Prefork(Generic[T]):
    """``fn(*args)`` started in a child now; ``result()`` waits for it (or runs it here).

    ``after`` runs in the child once the result is sent (work the user need not wait for, like
    saving a cache); ``cancel`` gives it a few seconds when the result was taken, else stops it.
    """

    def __init__(self, fn: Callable[..., T], *args: object, after: Callable[[], object] | None = None,
                 grace: float = 3.0) -> None:
        self._fn, self._args = fn, args
        self._pid: int | None = None
        self._fd: int | None = None
        self._grace = grace
        self._taken = False  # once the result is read, the child may still be doing its ``after`` work
        if not hasattr(os, "fork") or os.environ.get(DISABLE):
            return
        try:
            read, write = os.pipe()
            pid = os.fork()
        except OSError:
            return  # no processes left to fork: the work happens here, later
        if pid == 0:  # the child: compute, report, vanish without touching the parent's state
            os.close(read)
            _child(write, fn, args, after)
        os.close(write)
        self._pid, self._fd = pid, read

    def result(self) -> T:
        """The function's result; a NewsdiffError it raised is raised here with the same message."""
        if self._fd is None:
            return self._fn(*self._args)
        chunks = []
        with os.fdopen(self._fd, "rb") as pipe:
            self._fd = None
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        self._taken = True
        try:
            kind, value = pickle.loads(b"".join(chunks))
        except Exception:  # the child died before it finished writing
            return self._fn(*self._args)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "error":
            raise NewsdiffError(value)
        return self._fn(*self._args)  # anything unexpected: again here, where a traceback can show

    def cancel(self) -> None:
        """Let the child finish its ``after`` work for a moment, else (or if the user quit before the
        result was wanted) stop it."""
        if self._pid is not None:
            deadline = time.monotonic() + (self._grace if self._taken else 0.0)
            while time.monotonic() < deadline:
                if os.waitpid(self._pid, os.WNOHANG)[0]:
                    self._pid = None
                    break
                time.sleep(0.02)
            if self._pid is not None:
                with contextlib.suppress(OSError):  # already gone
                    os.kill(self._pid, signal.SIGTERM)
                self._reap()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _reap(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None


def _child(write: int, fn: Callable[..., object], args: tuple[object, ...],
           after: Callable[[], object] | None) -> None:
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # nothing the child says may land on the parent's screen
            os.dup2(devnull, fd)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the child
        try:
            payload: tuple[str, object] = ("ok", fn(*args))
        except NewsdiffError as err:
            payload = ("error", str(err))
        except BaseException as err:  # reported as a crash: the parent runs it again, where it can show
            payload = ("crash", f"{type(err).__name__}: {err}")
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as err:
            data = pickle.dumps(("crash", f"cannot pickle the result: {err}"))
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
        os.close(write)  # the parent has its result now
        if after is not None:
            after()
    finally:
        os._exit(0)
