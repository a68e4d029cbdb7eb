"""With no DATABASE_URL the service runs on an embedded PostgreSQL and leaves nothing behind."""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    import psycopg
    from pathlib import Path
    from config.embedded_db import embedded_database_url

    url = embedded_database_url(Path(sys.argv[1]))
    with psycopg.connect(url) as connection:
        print(connection.execute("select current_database(), version()").fetchone())
    """
)


def postgres_processes_for(data_dir) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(attrs=["name", "cmdline"]):
        if process.info["name"] == "postgres" and str(data_dir) in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


@pytest.fixture
def data_dir():
    """A data directory outside pytest's own temporary root: the server runs as another system user, so the
    library opens the folders above it for traversal, and a pytest session starting meanwhile would close
    its private root again."""
    parent = Path(tempfile.mkdtemp(prefix="claimtrack-embedded-"))
    yield parent / "pgdata"
    shutil.rmtree(parent, ignore_errors=True)


def test_embedded_server_starts_serves_and_stops_cleanly(data_dir):
    for _ in range(2):  # the second start reuses the data folder
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(data_dir)], capture_output=True, text=True, timeout=180, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "('claimtrack', 'PostgreSQL 18" in result.stdout
        assert postgres_processes_for(data_dir) == []
        assert not (data_dir / "postmaster.pid").exists()


def test_a_terminated_process_still_stops_its_server(data_dir):
    waiting = SCRIPT + "\nprint('ready', flush=True)\nimport time\ntime.sleep(120)\n"
    process = subprocess.Popen([sys.executable, "-c", waiting, str(data_dir)], stdout=subprocess.PIPE, text=True)
    try:
        assert "ready" in process.stdout.readline() + process.stdout.readline()
        assert postgres_processes_for(data_dir)
        process.terminate()
        assert process.wait(timeout=60) != 0
    finally:
        process.kill()
    assert postgres_processes_for(data_dir) == []
    assert not (data_dir / "postmaster.pid").exists()


def _start_waiting_server(data_dir, *command_prefix):
    """Start a process holding the embedded server, in its own process group, and wait until it serves."""
    waiting = SCRIPT + "\nprint('ready', flush=True)\nimport time\ntime.sleep(120)\n"
    process = subprocess.Popen(
        [*command_prefix, "python", "-c", waiting, str(data_dir)]
        if command_prefix
        else [sys.executable, "-c", waiting, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert "ready" in process.stdout.readline() + process.stdout.readline()
    assert postgres_processes_for(data_dir)
    return process


def _keep_signalling_until_exit(process, signals_first: int) -> None:
    """Send SIGTERM to the process group `signals_first` times at once, then every few ms until it exits."""
    for _ in range(signals_first):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        time.sleep(0.01)


def _assert_stopped_with_valid_handles(data_dir) -> None:
    for _ in range(50):  # pg_ctl stop -w has returned, but give the postmaster's children a moment
        if not postgres_processes_for(data_dir):
            break
        time.sleep(0.1)
    assert postgres_processes_for(data_dir) == []
    assert not (data_dir / "postmaster.pid").exists()
    assert json.loads((data_dir / ".handle_pids.json").read_text()) == []


def test_repeated_sigterms_to_the_process_group_still_stop_the_server(data_dir):
    process = _start_waiting_server(data_dir)
    try:
        _keep_signalling_until_exit(process, signals_first=2)
        assert process.wait(timeout=60) != 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    _assert_stopped_with_valid_handles(data_dir)


def test_sigterm_forwarded_by_uv_and_sent_to_the_group_still_stops_the_server(data_dir):
    # `uv run` forwards the SIGTERM it receives to its child, which gets the group's copy as well.
    uv = [shutil.which("uv")] if shutil.which("uv") else ["python3", "-m", "uv"]  # as the Makefile finds it
    process = _start_waiting_server(data_dir, *uv, "run", "--frozen", "--no-sync")
    try:
        _keep_signalling_until_exit(process, signals_first=2)
        process.wait(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    _assert_stopped_with_valid_handles(data_dir)
