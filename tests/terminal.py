"""Running jbz as a person does: its output on a pseudo-terminal."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_a_terminal(*args: str, env: dict | None = None, stderr_too: bool = False) -> tuple[int, str]:
    """Run `jbz ARGS` with stdout (and stderr, if asked) on a pseudo-terminal; return its exit code and
    everything it wrote, as the terminal received it (colour codes included, line ends "\\n")."""
    main, child = pty.openpty()
    full_env = {**os.environ, "COLUMNS": "160", "LINES": "60", "TERM": "xterm", **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "jbz", *args], stdout=child,
                               stderr=child if stderr_too else subprocess.DEVNULL, env=full_env, cwd=ROOT)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return process.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
