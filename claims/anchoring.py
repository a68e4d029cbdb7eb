"""Anchor claims to article text the W3C way: exact text, position, and the context around it."""

# How much text on each side of a quotation is kept to find it again (TextQuoteSelector prefix/suffix).
CONTEXT_CHARS = 32


def quote_context(body: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of the span body[start:end]."""
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]
