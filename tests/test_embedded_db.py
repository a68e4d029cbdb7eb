"""With no DATABASE_URL the service runs on an embedded PostgreSQL and leaves nothing behind."""

import subprocess
import sys
import textwrap

import psutil

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


def test_embedded_server_starts_serves_and_stops_cleanly(tmp_path):
    data_dir = tmp_path / "pgdata"
    for _ in range(2):  # the second start reuses the data folder
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(data_dir)], capture_output=True, text=True, timeout=180, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "('claimtrack', 'PostgreSQL 18" in result.stdout
        assert postgres_processes_for(data_dir) == []
        assert not (data_dir / "postmaster.pid").exists()


def test_a_terminated_process_still_stops_its_server(tmp_path):
    data_dir = tmp_path / "pgdata"
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
