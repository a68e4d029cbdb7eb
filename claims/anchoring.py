"""Anchor claims to article text the W3C way: exact text, position, and the context around it."""

# How much text on each side of a quotation is kept to find it again (TextQuoteSelector prefix/suffix).
CONTEXT_CHARS = 32


def quote_context(body: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of the span body[start:end]."""
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]


def reanchor(body: str, *, exact: str, prefix: str = "", suffix: str = "", hint: int = 0) -> tuple[int, int] | None:
    """Find `exact` in a (possibly changed) body: the occurrence whose context matches best, nearest `hint`."""
    if not exact:
        return None
    best: tuple[int, int, int] | None = None  # (-context score, distance from hint, start)
    position = body.find(exact)
    while position != -1:
        end = position + len(exact)
        score = _common_suffix(body[:position], prefix) + _common_prefix(body[end:], suffix)
        candidate = (-score, abs(position - hint), position)
        if best is None or candidate < best:
            best = candidate
        position = body.find(exact, position + 1)
    return None if best is None else (best[2], best[2] + len(exact))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
