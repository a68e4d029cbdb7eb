"""Checks a running `make serve` over HTTP, as a client behind the proxy would see it.

Usage: check_serve.py BASE_URL API_KEY RATE_LIMIT  (RATE_LIMIT: the requests per minute API_THROTTLE_RATE allows)
"""

import json
import re
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

# The proxy in front terminates TLS and says so; the server was started with DJANGO_BEHIND_PROXY=1.
VIA_PROXY = {"X-Forwarded-Proto": "https"}


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={**VIA_PROXY, **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(condition: bool, message: str) -> None:
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        sys.exit(1)


def wait_until_up(base: str) -> None:
    for _ in range(240):  # migrations and collectstatic run first
        try:
            get(f"{base}/healthz")
            return
        except OSError:
            time.sleep(0.5)
    check(False, f"the server at {base} did not start")


def main(base: str, key: str, limit: int) -> None:
    wait_until_up(base)
    status, headers, body = get(f"{base}/healthz")
    check(status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}, "/healthz reports ok")

    status, headers, body = get(f"{base}/admin/login/")
    check(status == 200 and b'name="username"' in body, "admin login page")
    policy = headers.get("Content-Security-Policy", "")
    check("default-src 'self'" in policy and "script-src 'self'" in policy, f"CSP header: {policy}")
    stylesheet = re.search(rb'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', body)
    check(stylesheet is not None, "the login page links the admin stylesheet by hashed name")
    status, headers, _css = get(base + stylesheet.group(1).decode())
    check(status == 200 and headers.get("Content-Type", "").startswith("text/css"), "admin CSS served from /static/")

    status, headers, body = get(f"{base}/api/v1/claims/")
    check(status == 401, "an API list without a token is refused")
    status, headers, body = get(f"{base}/api/v1/claims/", Authorization=f"Token {key}")
    check(status == 200 and "results" in json.loads(body), "an API list with a token")

    # The limit holds across workers: one atomic counter takes every worker's requests. Concurrent requests
    # keep every worker busy, so each of them answers some. The list request above used one of the limit.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(
            pool.map(lambda _: get(f"{base}/api/v1/speakers/", Authorization=f"Token {key}")[0], range(8 * limit))
        )
    allowed = statuses.count(200)
    check(allowed == limit - 1 and 429 in statuses, f"rate limit {limit}/minute across workers: {allowed} allowed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
