"""gunicorn settings for `make serve`, read from the same environment as the Django settings."""

import os

from config.env import env_bool

_host = os.environ.get("HOST", "127.0.0.1")
bind = f"[{_host}]:{os.environ.get('PORT', '8000')}" if ":" in _host else f"{_host}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
# Requests and their timings to stdout beside the application's logs; gunicorn's own messages to stderr.
accesslog = "-"
errorlog = "-"
# gunicorn derives the scheme from X-Forwarded-Proto for the addresses listed here: none, unless a proxy is
# declared, so a client cannot claim https for itself.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if env_bool("DJANGO_BEHIND_PROXY") else ""
# Long enough for an inline import of a large article; a stuck worker is still replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
control_socket_disable = True  # runtime management is not used, and two servers on one machine would share its path
