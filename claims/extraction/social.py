"""Embedded social-media posts: `<text> pic.twitter.com/… — Name (@handle) Month D, YYYY`."""

import re
from dataclasses import dataclass

# Searched only in the last few hundred characters of a paragraph, so it stays cheap on long text.
_SIGNATURE = re.compile(
    r"(?<=\s)(?P<dash>[—–]|--?)[ \t\u00a0]*(?P<name>[^\n—–()@]{1,80}?)[ \t\u00a0]*\(@(?P<handle>\w{1,50})\)"
    r"[ \t\u00a0]*(?:on[ \t]+)?(?P<date>[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4})[ \t\u00a0]*$"
)
_SHARED_BY = re.compile(
    r"A post shared by[ \t]+(?P<name>[^\n()@]{1,80}?)[ \t]*\(@(?P<handle>[\w.]{1,50})\)[^\n]{0,40}$"
)
_TRAILING_LINK = re.compile(r"(?:[ \t\u00a0]*(?:pic\.twitter\.com/\S+|https?://\S+|t\.co/\S+))+[ \t\u00a0]*$")
TAIL = 300


@dataclass(frozen=True, slots=True)
class SocialPost:
    """The text of an embedded post and its author's display name and handle."""

    start: int
    end: int
    author: str
    author_start: int
    handle: str


def _post_text(text: str, start: int, end: int) -> tuple[int, int]:
    link = _TRAILING_LINK.search(text, start, end)
    if link:
        end = link.start()
    while end > start and text[end - 1] in " \t\u00a0":
        end -= 1
    while start < end and text[start] in " \t\u00a0":
        start += 1
    return start, end


def find_posts(text: str, paras: list[tuple[int, int]]) -> list[SocialPost]:
    """Posts whose signature closes a paragraph; a signature on its own line signs the paragraph above."""
    posts: list[SocialPost] = []
    for k, (p_start, p_end) in enumerate(paras):
        tail = max(p_start, p_end - TAIL)
        if text.find("(@", tail, p_end) == -1:  # every signature has one; most paragraphs have none
            continue
        match = _SIGNATURE.search(text, tail, p_end) or _SHARED_BY.search(text, tail, p_end)
        if not match:
            continue
        cut = match.start("dash") if "dash" in match.groupdict() else match.start()
        start, end = _post_text(text, p_start, cut)
        if end <= start and k > 0:
            start, end = _post_text(text, *paras[k - 1])
        if end <= start:
            continue
        name = match.group("name").strip()
        posts.append(SocialPost(start, end, name, match.start("name"), match.group("handle")))
    return posts
