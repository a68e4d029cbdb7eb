"""Where a webhook may be sent: public addresses only, unless a setting allows a host.

A subscription's URL is checked when it is saved and again at every delivery, since what a name resolves
to can change. A delivery resolves the name once, checks every address it got and connects to the checked
one, so a name that answers differently a moment later (DNS rebinding) cannot steer the request inside.

`WEBHOOK_ALLOWED_HOSTS` lists host names, IP addresses or networks (CIDR) that may be used even though they
are not public: a receiver on the same machine or the internal network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
DEFAULT_PORTS = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeTarget(Exception):
    """The URL points somewhere webhooks may not go (or nowhere); the message says why."""


class UnresolvedHost(UnsafeTarget):
    """The name has no address now; nothing can be sent, but it may be valid later."""


@dataclass(frozen=True)
class Target:
    """A checked destination: the name to present (Host header, TLS) and the address to connect to."""

    scheme: str
    host: str
    port: int
    address: str
    path: str


def _embedded_ipv4(ip: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, 6to4, NAT64), which is where it leads."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if int(ip) >> 32 == 0 or ip in NAT64:  # ::a.b.c.d (deprecated "compatible" form), 64:ff9b::a.b.c.d
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: Address) -> str | None:
    """Why `ip` may not receive webhooks, or None if it is a public unicast address."""
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        reason = refusal(embedded)
        return f"it embeds {embedded}, {reason}" if reason else None
    if isinstance(ip, ipaddress.IPv6Address) and ip.teredo is not None:
        return "a Teredo tunnel address"
    for test, reason in (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "not a public address"),
    ):
        if test:
            return reason
    return None


def _allowed() -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    names, networks = set(), []
    for entry in getattr(settings, "WEBHOOK_ALLOWED_HOSTS", ()):
        entry = entry.strip().lower().strip("[]")
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return names, networks


def _resolve(host: str, port: int) -> list[Address]:
    """Every address the name has now (an IP literal is its own)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnresolvedHost(f"{host} does not resolve ({error}).") from error
    # An IPv6 answer may carry a zone ("fe80::1%eth0"); the address without it is what is checked.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def target_check(url: str) -> Target:
    """Resolve the URL's host once and check every address; the first one is where to connect."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise UnsafeTarget("Enter an http:// or https:// address.")
    if parts.username or parts.password:
        raise UnsafeTarget("Credentials in the address are not allowed; the signature authenticates deliveries.")
    host = parts.hostname.rstrip(".")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as error:
        raise UnsafeTarget("The port is not a number between 0 and 65535.") from error
    names, networks = _allowed()
    addresses = _resolve(host, port)
    if host not in names:
        for ip in addresses:
            if any(ip.version == network.version and ip in network for network in networks):
                continue
            reason = refusal(ip)
            if reason:
                shown = host if str(ip) == host else f"{host} resolves to {ip}, which"
                raise UnsafeTarget(f"Webhooks go to public addresses only: {shown} is {reason}.")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme=scheme, host=host, port=port, address=str(addresses[0]), path=path)


def url_check(url: str) -> None:
    """The check made when a URL is saved: a name that does not resolve yet is accepted (checked at delivery)."""
    try:
        target_check(url)
    except UnresolvedHost:
        return
