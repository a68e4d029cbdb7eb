"""A real HTTP receiver on 127.0.0.1 that records what it is sent and answers as scripted."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group

from claims.services.webhooks import webhook_subscription_create
from tests.factories import UserFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Received:
    headers: dict
    body: bytes


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    # Status codes to answer with, in order; once used up, every request gets `default_status`.
    script: list[int] = field(default_factory=list)
    default_status: int = 200
    delay: float = 0.0  # seconds to wait before answering the next request
    reply: bytes | None = None  # the body of every answer, instead of a short word


@pytest.fixture(autouse=True)
def local_receivers_allowed(settings):
    """The receivers here listen on 127.0.0.1, which webhooks may only reach when a setting allows it."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def receiver():
    state = Receiver(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if state.delay:
                delay, state.delay = state.delay, 0.0
                time.sleep(delay)
            with lock:
                state.requests.append(Received(dict(self.headers.items()), body))
                status = state.script.pop(0) if state.script else state.default_status
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            if state.reply is not None:
                self.wfile.write(state.reply)
            else:
                self.wfile.write(b"ok" if status < 300 else b"receiver says no")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/claimtrack"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def webhook_admin(db):
    user = UserFactory(username="webhook-admin")
    user.groups.add(Group.objects.get_or_create(name="editor")[0])
    return user


@pytest.fixture
def subscribe(webhook_admin):
    """Subscribe a URL to some events; returns (subscription, secret)."""

    def make(url, events=("claim.accepted",)):
        return webhook_subscription_create(url=url, events=list(events), user=webhook_admin)

    return make
