"""Helpers for tests that run the project's own commands and servers as separate processes."""

import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url_of_this_test() -> str:
    """DATABASE_URL of the database this test runs on, for other processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):  # the embedded server listens on a socket only
        return f"postgresql://{credentials}@{quote(host, safe='')}/{db['NAME']}"
    return f"postgresql://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment_without_django(**extra: str) -> dict[str, str]:
    """This process's environment with no DJANGO_* variable, as a plain shell has it, plus `extra`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}, **extra}


class Server:
    """`make serve` in its own process group, its output collected in a file."""

    def __init__(self, log: Path, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("w") as output:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=ROOT,
                env=environment_without_django(PORT=str(self.port), **env),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return
            except (requests.ConnectionError, requests.Timeout):  # workers still booting
                time.sleep(0.3)
        raise AssertionError(f"server did not start: {self.log.read_text()[-3000:]}")

    def stop(self) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        return self.process.returncode
