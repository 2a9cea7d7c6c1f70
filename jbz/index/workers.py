"""Files read in worker processes that no one file can take down.

Each file is read in a worker under two limits: an address-space cap (RLIMIT_AS: what the worker
holds already plus 128 MB and 32 times the file's size, or `JBZ_READ_MEMORY` MB) and a wall clock
(`JBZ_READ_TIMEOUT` seconds, default 30, for a file of up to 1 MB; as much again per 30 MB more). A worker that passes
its clock is killed; one that runs out of memory gives up on the file; one that crashes (a PDF
library can, on a crafted file) ends. Either way the file is skipped with the reason, a new worker
takes the next file, and the run goes on.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import signal
import time
from collections import deque
from pathlib import Path
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

DEFAULT_TIMEOUT = 30.0
#: Room a worker gets for one file: a fixed part, and a part that grows with the file (a letter's
#: text, its lines, blocks, passages and their folded forms take some 20 times its size at most).
MEMORY_BASE = 128 * 2**20
MEMORY_PER_BYTE = 32


def read_timeout(size: int = 0) -> float:
    """Return the seconds a file of `size` bytes may take: $JBZ_READ_TIMEOUT (default 30) up to 1 MB,
    and as much again for every 30 MB more, so a genuine 50 MB letter gets 79 s and a small crafted
    file that makes a reader hang no more than 30."""
    base = _number("JBZ_READ_TIMEOUT", DEFAULT_TIMEOUT)
    return base * (1 + max(0, size - 2**20) / (30 * 2**20))


def memory_limit(size: int) -> int:
    """Return the bytes of address space a worker may add to read a file of `size` bytes
    ($JBZ_READ_MEMORY in MB when set)."""
    if os.environ.get("JBZ_READ_MEMORY"):
        return int(_number("JBZ_READ_MEMORY", 1024) * 2**20)
    return MEMORY_BASE + MEMORY_PER_BYTE * size


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


#: Jobs a worker is given ahead: while this process stores a batch, each worker goes on with the
#: next files it holds, their results waiting in its pipe, instead of waiting to be given one.
AHEAD = 8
#: A worker's results pipe holds this much (Linux lets any process widen a pipe to 1 MB): some 30
#: letters' readings, so a worker is not held up while this process writes.
RESULTS_PIPE = 2**20


def read_guarded(func: Callable[[Job], Result], jobs: Iterable[Job], failed: Callable[[Job, str], Result],
                 size_of: Callable[[Job], int], processes: int, in_flight: int = 64) -> Iterator[Result]:
    """Yield `func(job)` for every job, in order, each run in a worker under the limits (the memory
    after the size of the job's file, `size_of(job)`); a job whose worker passes a limit or dies
    yields `failed(job, reason)` instead."""
    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds, with the modules the parent already imported.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pending = iter(enumerate(jobs))
    again: list[tuple[int, Job]] = []  # jobs a lost worker held but had not started
    finished: dict[int, Result] = {}
    next_out, exhausted = 0, False
    workers = [_Worker(context, func) for _ in range(max(1, processes))]
    try:
        while True:
            for worker in workers:
                while len(worker.jobs) < AHEAD and len(finished) < in_flight:
                    item = again.pop() if again else None if exhausted else next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    size = size_of(item[1])
                    worker.give(item, read_timeout(size), memory_limit(size))
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            busy = [worker for worker in workers if worker.jobs]
            if not busy:
                if exhausted and not again:
                    return
                continue
            deadline = min(worker.deadline for worker in busy)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout=max(0.0, deadline - time.monotonic())))
            for position, worker in enumerate(workers):
                while worker.jobs:
                    outcome = worker.collect(ready)
                    if outcome is None:
                        break
                    (index, job), _ = worker.jobs.popleft()
                    ok, value, lost = outcome
                    finished[index] = value if ok else failed(job, value)
                    if lost:
                        again.extend(item for item, _ in reversed(worker.jobs))
                        worker.stop()
                        workers[position] = _Worker(context, func)
                        break
                    worker.start_next()
                    if not worker.conn.poll():  # another result may be waiting already
                        ready.discard(worker.conn)
    finally:
        for worker in workers:
            worker.stop()


class _Worker:
    """One worker process and the jobs it holds, the first of them running."""

    def __init__(self, context, func) -> None:
        jobs_in, self.job_pipe = context.Pipe(duplex=False)
        self.conn, results_out = context.Pipe(duplex=False)
        _widen(results_out)
        self.process = context.Process(target=_serve, args=(jobs_in, results_out, (self.job_pipe, self.conn), func),
                                       daemon=True)
        self.process.start()
        jobs_in.close()
        results_out.close()
        self.jobs: deque[tuple[tuple[int, object], float]] = deque()
        self.deadline = 0.0

    @property
    def timeout(self) -> float:
        return self.jobs[0][1]

    def give(self, item: tuple[int, object], timeout: float, memory: int) -> None:
        self.jobs.append((item, timeout))
        if len(self.jobs) == 1:
            self.deadline = time.monotonic() + timeout
        self.job_pipe.send((item[1], memory))

    def start_next(self) -> None:
        """Start the clock of the next job held, which the worker begins now that it sent a result."""
        if self.jobs:
            self.deadline = time.monotonic() + self.timeout

    def collect(self, ready: set) -> tuple[bool, object, bool] | None:
        """Return (True, result, False) or (False, reason, whether the worker is lost), or None
        while the job is still running."""
        if self.conn in ready:
            try:
                return (*self.conn.recv(), False)
            except (EOFError, OSError):
                return False, self._crash_reason(), True
        if self.process.sentinel in ready:
            return False, self._crash_reason(), True
        if time.monotonic() >= self.deadline:
            return False, (f"took longer than {self.timeout:.3g} s to read: stopped (a genuine letter this large can"
                           " be given more time with JBZ_READ_TIMEOUT=seconds)"), True
        return None

    def _crash_reason(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"crashed the reader (signal {signal.Signals(-code).name})"
            except ValueError:
                return f"crashed the reader (signal {-code})"
        return f"crashed the reader (exit code {code})"

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.job_pipe.close()
        self.conn.close()


def _serve(jobs, results, parent_ends, func) -> None:
    """Run the jobs that come over `jobs` until it closes, each under its memory cap, sending each
    outcome over `results` (in the worker)."""
    # A forked worker holds copies of the main process's ends of its pipes: closed, so that the
    # pipes end when the main process does (even by kill -9), and so does the worker.
    for end in parent_ends:
        end.close()
    _end_with_parent()
    _keep_heap()
    # Ctrl-C is the main process's to handle; a worker's traceback would reach the user's terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            job, memory = jobs.recv()
        except (EOFError, OSError):
            return
        _cap_memory(memory)
        too_much = f"needed more than the {memory // 2**20} MB of memory it may use (JBZ_READ_MEMORY=MB gives more)"
        try:
            outcome = (True, func(job))
        except MemoryError:
            outcome = (False, too_much)
        try:
            results.send(outcome)
        except MemoryError:
            results.send((False, too_much))
        except (BrokenPipeError, OSError):
            return


def _widen(conn) -> None:
    """Let the pipe behind `conn` hold RESULTS_PIPE bytes, where the system allows it (Linux)."""
    try:
        import fcntl
        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, RESULTS_PIPE)
    except (ImportError, AttributeError, OSError):
        pass  # the default pipe: workers wait a little more while results are stored


def _end_with_parent() -> None:
    """Have Linux kill this worker when the main process dies (PR_SET_PDEATHSIG), where it can."""
    parent = os.getppid()
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the main process died before the request took hold
        os._exit(1)


#: Heap a worker's allocator takes beyond each request and keeps when memory is freed.
HEAP_PAD = 16 * 2**20


def _keep_heap() -> None:
    """Have glibc's allocator grow and shrink this worker's heap in HEAP_PAD steps (M_TOP_PAD),
    where it can."""
    # PDFium frees a page's memory as it closes it; at glibc's default of 128 kB the heap was given
    # back and faulted in again for every page, a tenth of a worker's CPU in the kernel.
    try:
        import ctypes
        ctypes.CDLL(None).mallopt(-2, HEAP_PAD)  # -2 = M_TOP_PAD
    except (OSError, AttributeError):
        pass


def _cap_memory(extra: int) -> None:
    """Let this process's address space grow by at most `extra` bytes from what it holds now."""
    try:
        import resource
        held = int(re.search(r"^VmSize:\s+(\d+)", Path("/proc/self/status").read_text(), re.M).group(1)) * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        cap = held + extra
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass  # no RLIMIT_AS or /proc here (not Linux): the clock still holds
