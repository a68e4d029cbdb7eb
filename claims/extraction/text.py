"""Offset-preserving views of a body: case-normalised shadow, paragraphs, tokens and sentences.

Every view has exactly the length of the body, so an offset found in a view is an offset in the body.
"""

import re

from claims.extraction import lexicon

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\u2028\u2029]")
_FIRST_WORD = re.compile(r"[ \t“”\"‘’']*([A-Z][A-Z'’\-]+)\b(?=[ \t]+\S*[a-z])")
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Two apostrophes standing for a double quotation mark (''Like this,'' she said), and three where a
# single quotation ends or starts inside one.
_DOUBLED_APOSTROPHES = re.compile(r"(?<!')'''?(?!')")
# A word (letters and digits, joined by ' ’ - . _ inside it) or any other single character. Possessive:
# the longest such word is taken without backtracking.
_TOKEN = re.compile(r"[^\W_]++(?:[_'’\-.]++[^\W_]++)*+|\S")
MASK = "~"
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]$")


class Token:
    """A word, a punctuation mark or a whole (masked) quotation."""

    __slots__ = ("end", "is_cap", "is_word", "low", "quote", "start", "text")

    def __init__(self, text: str, start: int, end: int, quote: int | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.quote = quote  # index of the quotation this token stands for
        if quote is None:
            # Lower-cased, without a possessive ending; computed once per distinct word because every
            # rule reads it and the same words recur in every article.
            info = _WORD_INFO.get(text)
            if info is None:
                info = _word_info(text)
            self.low, self.is_cap, self.is_word = info
        else:
            self.low, self.is_cap, self.is_word = "", False, False

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


_WORD_INFO: dict[str, tuple[str, bool, bool]] = {}


def _word_info(text: str) -> tuple[str, bool, bool]:
    # A word keeps a final dot only as an abbreviation ("Mr.", "Jr."): the dot is not part of it.
    word = text[:-1] if len(text) > 1 and text[-1] == "." else text
    info = (strip_possessive(word).lower(), text[:1].isupper(), text[:1].isalnum())
    if len(_WORD_INFO) < 200_000:  # bounded: a long run over hostile text must not grow it forever
        _WORD_INFO[text] = info
    return info


def word_info(text: str) -> tuple[str, bool, bool]:
    """(lower-cased word without a possessive ending, capitalised, starts with a letter or digit)."""
    return _WORD_INFO.get(text) or _word_info(text)


def is_dotted_initials(word: str) -> bool:
    """`G.K`, `J.R.`: capital initials joined by dots."""
    return _DOTTED_INITIALS.match(word.rstrip(".")) is not None


def strip_possessive(word: str) -> str:
    """`Okafor’s` -> `Okafor`; `Jones’` -> `Jones`."""
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 2 and word[-1] in "'’":
        return word[:-1]
    return word


def shadow(body: str) -> str:
    """A same-length copy for name detection: no control characters, ALL-CAPS lead words title-cased."""
    text = _CONTROL.sub(" ", body) if _CONTROL.search(body) else body
    if "\t" in text:
        text = text.replace("\t", " ")
    if "''" in text:
        text = _DOUBLED_APOSTROPHES.sub(_as_double_mark, text)
    out: list[str] | None = None
    # Only line starts can hold a lead word: test each one instead of scanning every position.
    pos = 0
    while pos != -1 and pos < len(text):
        match = _FIRST_WORD.match(text, pos)
        pos = text.find("\n", pos) + 1 or -1
        if match is None:
            continue
        word = match.group(1)
        # An acronym used again elsewhere in capitals (BBC, NHS) is left alone.
        if _caps_uses(text, word) > 1:
            continue
        if out is None:
            out = list(text)
        start = match.start(1)
        out[start + 1 : match.end(1)] = word[1:].lower()
    return "".join(out) if out is not None else text


def _as_double_mark(match: re.Match) -> str:
    """As many characters, with one double mark on the side away from the quoted words."""
    closing = match.start() > 0 and not match.string[match.start() - 1].isspace()
    if len(match.group()) == 3:
        return "'\" " if closing else " \"'"
    return '" ' if closing else ' "'


def _caps_uses(text: str, word: str) -> int:
    """How many times `word` occurs as a whole word of capitals (a match of _CAPS_WORD), up to 2.

    Counted with str.find around the few occurrences instead of a regular-expression scan of the text.
    """
    if not word.isalpha():
        return 0  # with an apostrophe or a hyphen it is never a _CAPS_WORD match
    found = 0
    size = len(word)
    i = text.find(word)
    while i != -1 and found < 2:
        before = text[i - 1] if i else " "
        after = text[i + size] if i + size < len(text) else " "
        # \b on both sides: a word character is alphanumeric or "_".
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            found += 1
        i = text.find(word, i + 1)
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text has blank lines, otherwise one per line."""
    spans: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for match in _BLANK_LINE.finditer(text):
            spans.append((pos, match.start()))
            pos = match.end()
        spans.append((pos, len(text)))
    else:
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    result = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
    return result


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each [start, end) range (the inside of a quotation) with MASK characters, newlines too."""
    if not spans:
        return text
    parts = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        parts.append(text[pos:start])
        parts.append(MASK * max(0, end - start))
        pos = max(pos, end)
    parts.append(text[pos:])
    return "".join(parts)


def blank_line_mode(text: str) -> bool:
    """Whether paragraphs are separated by blank lines (single newlines then only wrap lines)."""
    return _BLANK_LINE.search(text) is not None


class _PieceTokens(dict):
    """A space-free piece of text -> its tokens as (start, end, text, low, is_cap, is_word), with
    offsets relative to the piece. Filled on first use and bounded."""

    def __missing__(self, piece: str) -> tuple[tuple[int, int, str, str, bool, bool], ...]:
        found = []
        for match in _TOKEN.finditer(piece):
            text = match.group()
            if text == "." and found and _takes_dot(found[-1], match.start()):
                # "Mr." / "T." / "Jr.": the dot belongs to the abbreviation, which stays one word.
                start, _, word, *_ = found.pop()
                text = word + "."
                found.append((start, match.end(), text, *(_WORD_INFO.get(text) or _word_info(text))))
                continue
            found.append((match.start(), match.end(), text, *(_WORD_INFO.get(text) or _word_info(text))))
        value = tuple(found)
        if len(piece) <= 100 and len(self) < 100_000:  # a long piece (no spaces at all) is not kept
            self[piece] = value
        return value


_PIECE_TOKENS = _PieceTokens()


def _takes_dot(previous: tuple, dot: int) -> bool:
    """Whether the word right before a dot is a title, a name suffix or an initial of a name."""
    end, word = previous[1], previous[2]
    if end != dot:
        return False
    return (len(word) == 1 and word.isupper()) or (word[:1].isupper() and word.lower() in lexicon.NAME_ABBREVIATIONS)


def tokenize(masked: str, quote_spans: list[tuple[int, int, int]]) -> list[Token]:
    """Tokens of the masked text; each quotation (open, end_exclusive, index) becomes one token."""
    tokens: list[Token] = []
    pos = 0
    new = object.__new__
    piece_tokens = _PIECE_TOKENS.__getitem__

    def words(lo: int, hi: int) -> list[Token]:
        # The hottest loop of extraction. No token contains whitespace, so splitting at spaces never
        # cuts one: the text is split at spaces (far faster than a regular-expression scan) and each
        # piece's tokens come from the cache (the same words and "word," pieces recur in every
        # article); Token.__init__'s work is inlined.
        out: list[Token] = []
        append = out.append
        start = lo
        for piece in masked[lo:hi].split(" "):
            if piece:
                for rel_start, rel_end, text, low, is_cap, is_word in piece_tokens(piece):
                    tok = new(Token)
                    tok.text = text
                    tok.start = start + rel_start
                    tok.end = start + rel_end
                    tok.quote = None
                    tok.low = low
                    tok.is_cap = is_cap
                    tok.is_word = is_word
                    append(tok)
            start += len(piece) + 1
        return out

    for open_pos, end, index in sorted(quote_spans):
        if open_pos < pos:
            continue
        tokens += words(pos, open_pos)
        tokens.append(Token(masked[open_pos:end], open_pos, end, index))
        pos = end
    tokens += words(pos, len(masked))
    return tokens


_WENT = frozenset({"went", "goes"})


def _attribution_follows(tokens: list[Token], i: int, full_stop: bool = False) -> bool:
    """`“Can we win?” Mr. Ortega asked.`: a short name and a speech verb finish the quotation's sentence.

    After a full stop inside the quotation, a verb with a clause of its own (`The agency said North Korea
    had …`) starts the next sentence instead."""
    for k in range(i, min(len(tokens), i + 10)):
        tok = tokens[k]
        if tok.low in _WENT and k > i and k + 1 < len(tokens) and tokens[k + 1].low == "on":
            return True  # "“…?” Ana Costa went on, …"
        if tok.low in lexicon.SPEECH_VERBS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and (
                nxt.low == "that" or (full_stop and (nxt.is_cap or nxt.low in lexicon.DETERMINERS))
            ):
                return False  # "She added that …" opens a sentence of its own: its verb reports, it does not close
            return k > i
        if tok.text == "," and k > i and tokens[k - 1].is_cap:
            # "“…?” Ana Costa, a retired nurse from Leeds, said.": an apposition between name and verb.
            close = next((c for c in range(k + 1, min(len(tokens), k + 15)) if tokens[c].text in ",.;"), None)
            if close is not None and tokens[close].text == "," and close + 1 < len(tokens):
                after = tokens[close + 1]
                rest = tokens[close + 2] if close + 2 < len(tokens) else None
                ends = rest is None or rest.text in ".,;!?" or (not full_stop and not rest.is_cap)
                if after.low in lexicon.SPEECH_VERBS and ends:
                    return True
        # "Rep. Jane Doe, R-Pa., said": the dots and commas of a name with its party and state.
        if not tok.is_cap and not (tok.text in ",." and k > i):
            return False
    return False


def sentences(body: str, masked: str, tokens: list[Token], blank_line_mode: bool) -> list[tuple[int, int]]:
    """Sentences as (first, last_exclusive) token index ranges."""
    spans: list[tuple[int, int]] = []
    first = 0
    n = len(tokens)
    for i in range(n - 1):
        tok, nxt = tokens[i], tokens[i + 1]
        width = nxt.start - tok.end
        if width == 0:
            continue  # adjacent tokens ("word," / "said:") never straddle a boundary
        if width == 1 and masked[tok.end] == " " and tok.quote is None and tok.text not in ".!?":
            continue  # the common case: one space after an ordinary word
        gap = masked[tok.end : nxt.start]
        newlines = gap.count("\n")
        boundary = False
        if newlines >= 2 or (newlines == 1 and not blank_line_mode):
            boundary = True
        elif newlines == 1:
            boundary = tok.text in ".!?:" or tok.quote is not None or nxt.is_cap or nxt.quote is not None
        elif tok.text in ".!?" and gap:
            prev = tokens[i - 1] if i else None
            abbreviation = (
                prev is not None
                and prev.end == tok.start
                and (
                    prev.low in lexicon.ABBREVIATIONS
                    or (len(prev.text) == 1 and prev.text.isupper())
                    # "Rep. G.K. Amadi", "said J.R. Okafor": dotted initials after a title or a speech verb.
                    or (
                        i >= 2
                        and is_dotted_initials(prev.text)
                        and (tokens[i - 2].low in lexicon.TITLES or tokens[i - 2].low in lexicon.SPEECH_VERBS)
                    )
                )
            )
            boundary = not abbreviation and (nxt.is_cap or nxt.quote is not None or nxt.text in "(“\"‘'")
        elif tok.quote is not None and gap and (nxt.is_cap or nxt.quote is not None):
            inner = body[tok.start : tok.end].rstrip("”\"’'»› \n")
            boundary = inner.endswith((".", "!", "?")) and not _attribution_follows(
                tokens, i + 1, full_stop=inner.endswith(".")
            )
        if boundary:
            spans.append((first, i + 1))
            first = i + 1
    if first < n:
        spans.append((first, n))
    return spans


def is_heading(tokens: list[Token], a: int, b: int, first: bool = False) -> bool:
    """A title-cased line ("Senator Slams Plan As Council Votes") or a short capitalised label; the
    first line of a body ("Costa and Reyes Slam ‘Plan B’") needs fewer capitalised words."""
    long_words = 0
    short = True  # "FULL TEXT.", "Mission Viejo, Calif.": a few capitalised words and no quotation
    for k in range(a, b):
        tok = tokens[k]
        if tok.quote is not None:
            short = False
        elif tok.is_word:
            if not tok.is_cap:
                if len(tok.text) > 3:
                    return False
                short = False
            elif len(tok.text) > 3:
                long_words += 1
    return long_words >= (3 if first else 4) or (short and long_words > 0 and b - a <= 6)
