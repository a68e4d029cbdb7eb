"""`make serve`: gunicorn with several workers, static files, a bounded pool, health check and proxy headers."""

import contextlib
import re
import secrets
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection

from tests.processes import ROOT, Server, database_url_of_this_test, environment_without_django

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 2
POOL_SIZE = 2
# A proxy in front terminates TLS and says so.
VIA_PROXY = {"X-Forwarded-Proto": "https"}


def production_env(**extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url_of_this_test(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "WEB_CONCURRENCY": str(WORKERS),
        "DATABASE_POOL_SIZE": str(POOL_SIZE),
        **extra,
    }


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    """Production behind a TLS-terminating proxy: DEBUG off, HTTPS redirects and secure cookies on."""
    with django_db_blocker.unblock():
        running = Server(tmp_path_factory.mktemp("serve") / "server.log", **production_env(DJANGO_BEHIND_PROXY="1"))
        try:
            running.wait_until_up()
            yield running
        finally:
            running.stop()
            _wait_until_no_connections()


def _wait_until_no_connections() -> None:
    """Backends of a stopped server take a moment to exit; the test database cannot be dropped before."""
    database = connection.settings_dict["NAME"]
    for _ in range(100):
        if _connections_to(database) == 0:
            return
        time.sleep(0.1)


def test_make_serve_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=environment_without_django(DATABASE_URL=database_url_of_this_test()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_the_wsgi_entry_point_stays_strict_without_a_secret_key():
    """The development defaults in .env are for manage.py only."""
    (ROOT / ".env").exists() or (ROOT / ".env").write_text("DJANGO_DEBUG=1\n")
    result = subprocess.run(
        ["python", "-c", "import config.wsgi"],
        cwd=ROOT,
        env=environment_without_django(DATABASE_URL=database_url_of_this_test()),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is required" in result.stderr


def test_health_check_admin_and_static_files_are_served(server):
    health = requests.get(f"{server.url}/healthz", timeout=10)
    assert (health.status_code, health.json()) == (200, {"status": "ok", "database": "ok"})

    login = requests.get(f"{server.url}/admin/login/", headers=VIA_PROXY, timeout=10)
    assert login.status_code == 200
    assert "script-src 'self'" in login.headers["Content-Security-Policy"]
    stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', login.text)
    assert stylesheet, "the admin links its stylesheet by hashed name"
    css = requests.get(server.url + stylesheet.group(1), headers={**VIA_PROXY, "Accept-Encoding": "gzip"}, timeout=10)
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in css.headers["Cache-Control"]
    assert css.headers.get("Content-Encoding") == "gzip"
    assert "body" in css.text

    for static in ("claims/workbench.js", "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"):
        assert requests.get(f"{server.url}/static/{static}", headers=VIA_PROXY, timeout=10).status_code == 200, static

    # Each request is logged to stdout.
    assert re.search(r'"GET /admin/login/ HTTP/1.1" 200', server.log.read_text())


def _connections_to(database: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database]
        )
        return cursor.fetchone()[0]


def test_concurrent_requests_hold_at_most_the_pool_per_worker(server):
    database = connection.settings_dict["NAME"]
    with ThreadPoolExecutor(max_workers=24) as pool:
        for _ in range(3):
            answers = list(pool.map(lambda _: requests.get(f"{server.url}/healthz", timeout=30), range(96)))
            assert {answer.status_code for answer in answers} == {200}
            assert _connections_to(database) <= WORKERS * POOL_SIZE


def test_forwarded_headers_are_believed_behind_a_proxy(server):
    plain = requests.get(f"{server.url}/admin/login/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
    assert requests.get(f"{server.url}/admin/login/", headers=VIA_PROXY, timeout=10).status_code == 200
    # The proxy's X-Forwarded-Host is the host name checked against ALLOWED_HOSTS.
    foreign = requests.get(
        f"{server.url}/admin/login/", headers={**VIA_PROXY, "X-Forwarded-Host": "evil.example"}, timeout=10
    )
    assert foreign.status_code == 400


class Forwarder:
    """A TCP relay in front of the database server that can be cut and restored, as an outage would."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):  # shutdown, unlike close, also wakes the thread reading the other way
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def cut(self) -> None:
        self.up = False
        for end in self.open:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.open = []

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture(scope="module")
def relayed_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """Production with no proxy declared, reaching its database through a relay the test can cut."""
    direct = urlsplit(database_url_of_this_test())
    if not direct.port:
        pytest.skip("the database listens on a socket only")
    forwarder = Forwarder((direct.hostname, direct.port))
    relayed = urlunsplit(direct._replace(netloc=f"{direct.username}@127.0.0.1:{forwarder.port}"))
    with django_db_blocker.unblock():
        log = tmp_path_factory.mktemp("serve") / "server.log"
        running = Server(log, **production_env(DATABASE_URL=relayed, DATABASE_POOL_TIMEOUT="2"))
        try:
            running.wait_until_up()
            yield running, forwarder
        finally:
            running.stop()
            forwarder.close()
            _wait_until_no_connections()


def test_forwarded_headers_are_ignored_without_a_proxy(relayed_server):
    running, _ = relayed_server
    claimed = requests.get(f"{running.url}/admin/login/", headers=VIA_PROXY, allow_redirects=False, timeout=10)
    assert claimed.status_code == 301, "a client's own X-Forwarded-Proto does not make the request secure"
    spoofed = requests.get(
        f"{running.url}/healthz", headers={"X-Forwarded-Host": "evil.example"}, allow_redirects=False, timeout=10
    )
    assert spoofed.status_code == 200


def test_health_check_reports_an_unreachable_database_and_recovers(relayed_server):
    running, forwarder = relayed_server
    assert requests.get(f"{running.url}/healthz", timeout=10).status_code == 200

    forwarder.cut()
    down = requests.get(f"{running.url}/healthz", timeout=30)
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "unavailable"}

    forwarder.up = True
    statuses = [requests.get(f"{running.url}/healthz", timeout=30).status_code for _ in range(6)]
    assert statuses[-1] == 200
