"""How two versions of an article differ, and whether the newer one says that it was corrected."""

import bisect
import difflib
import re
from dataclasses import dataclass

# A line that tells readers the article was changed: "Correction: ...", "Update (3pm): ...",
# "This article was amended on ...", "An earlier version of this article ...".
CORRECTION_NOTE = re.compile(
    r"^\W*(?:correction|corrections|update|updated|clarification|editor(?:'|’)?s note|amendment)\b"
    r"|\b(?:this|the) (?:article|story|piece|report) (?:was|has been|is) (?:amended|updated|corrected|changed|edited)\b"
    r"|\ban earlier version of this\b"
    r"|\bwe (?:have )?(?:corrected|amended|clarified|updated) (?:this|the) (?:article|story|piece|report)\b",
    re.IGNORECASE | re.MULTILINE,
)
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
SLIVER_CHARS = 3


@dataclass(frozen=True)
class DiffOp:
    """One piece of a word-level difference: text kept (`equal`), added (`insert`) or removed (`delete`)."""

    op: str
    text: str


def correction_notes(old_body: str, new_body: str) -> list[str]:
    """The correction, update or clarification notes the new version has and the old one had not."""
    old_notes = {line.strip() for line in old_body.split("\n") if CORRECTION_NOTE.search(line)}
    return [
        line.strip() for line in new_body.split("\n") if CORRECTION_NOTE.search(line) and line.strip() not in old_notes
    ]


# Below this many token pairs a gap with no unique word is left to difflib (quadratic, but small); a larger
# one reads as removed and rewritten, which is what a reader sees of a paragraph rewritten from end to end.
SMALL_GAP = 40_000

Opcodes = list[tuple[str, int, int, int, int]]


def difflib_opcodes(a: list[str], b: list[str]) -> Opcodes:
    """difflib's opcodes for the two token lists: the most alike alignment, in time quadratic in their length."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _unique_anchors(a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """Tokens found once in each slice, as (i, j) pairs, the longest chain of them in the same order in both
    (patience diff: the longest increasing subsequence, by patience sorting)."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        token = b[j]
        if seen_a.get(token, -1) >= 0:
            seen_b[token] = -1 if token in seen_b else j
    pairs = sorted((seen_a[token], j) for token, j in seen_b.items() if j >= 0)
    tops: list[int] = []  # j of the last pair on each pile
    piles: list[int] = []  # index in `pairs` of that pair
    back: list[int] = []  # for each pair, the one before it in the chain
    for index, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(piles[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            piles.append(index)
        else:
            tops[pile], piles[pile] = j, index
    chain: list[tuple[int, int]] = []
    index = piles[-1] if piles else -1
    while index != -1:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def patience_opcodes(a: list[str], b: list[str]) -> Opcodes:
    """Opcodes like difflib's, in about linear time: keep the common start and end, anchor on words found once
    on each side, and repeat inside each gap between anchors; only a small gap with no such word goes to
    difflib (see SMALL_GAP)."""
    blocks: list[tuple[int, int, int]] = []  # (i, j, size) of kept runs, in order
    # In order without recursion: a stack of ("gap", alo, ahi, blo, bhi) and ("keep", i, j, size), next on top.
    stack: list[tuple] = [("gap", 0, len(a), 0, len(b))]
    while stack:
        task = stack.pop()
        if task[0] == "keep":
            blocks.append(task[1:])
            continue
        _, alo, ahi, blo, bhi = task
        head = 0
        while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
            head += 1
        if head:
            blocks.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        ahi, bhi = ahi - tail, bhi - tail
        todo: list[tuple] = []
        if alo < ahi and blo < bhi:
            anchors = _unique_anchors(a, alo, ahi, b, blo, bhi)
            if anchors:
                for i, j in anchors:
                    todo += [("gap", alo, i, blo, j), ("keep", i, j, 1)]
                    alo, blo = i + 1, j + 1
                todo.append(("gap", alo, ahi, blo, bhi))
            elif (ahi - alo) * (bhi - blo) <= SMALL_GAP:
                matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
                todo += [("keep", alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]
        if tail:
            todo.append(("keep", ahi, bhi, tail))
        stack.extend(reversed(todo))
    return _opcodes_of(blocks, len(a), len(b))


def _opcodes_of(blocks: list[tuple[int, int, int]], size_a: int, size_b: int) -> Opcodes:
    """difflib's opcode list from kept runs in order, adjacent runs joined."""
    opcodes: Opcodes = []
    i = j = 0
    for bi, bj, n in [*blocks, (size_a, size_b, 0)]:
        if i < bi or j < bj:
            tag = "replace" if i < bi and j < bj else "delete" if i < bi else "insert"
            opcodes.append((tag, i, bi, j, bj))
        if n:
            if opcodes and opcodes[-1][0] == "equal":
                _, ei, _, ej, _ = opcodes.pop()
                opcodes.append(("equal", ei, bi + n, ej, bj + n))
            else:
                opcodes.append(("equal", bi, bi + n, bj, bj + n))
        i, j = bi + n, bj + n
    return opcodes


def word_diff(old_body: str, new_body: str, *, opcodes=patience_opcodes) -> list[DiffOp]:
    """The word-level difference between two texts, as runs of kept, removed and added text.

    Like diff-match-patch's semantic cleanup, a sliver of kept text (a space, one short word) between two
    changes is folded into them, so a rewritten sentence reads as one removal and one addition. `opcodes`
    aligns the tokens (`difflib_opcodes` gives the quadratic alignment, for comparison).
    """
    old_tokens, new_tokens = TOKEN.findall(old_body), TOKEN.findall(new_body)
    pieces: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for tag, i1, i2, j1, j2 in opcodes(old_tokens, new_tokens):
        old_text, new_text = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        pieces.append(("equal" if tag == "equal" else "change", old_text, new_text))
    merged: list[list[str]] = []
    for index, (op, old_text, new_text) in enumerate(pieces):
        between_changes = 0 < index < len(pieces) - 1 and pieces[index - 1][0] == pieces[index + 1][0] == "change"
        if op == "equal" and between_changes and len(old_text.strip()) <= SLIVER_CHARS:
            op = "change"
        if op == "change" and merged and merged[-1][0] == "change":
            merged[-1][1] += old_text
            merged[-1][2] += new_text
        else:
            merged.append([op, old_text, new_text])
    ops: list[DiffOp] = []
    for op, old_text, new_text in merged:
        if op == "equal":
            ops.append(DiffOp("equal", old_text))
            continue
        if old_text:
            ops.append(DiffOp("delete", old_text))
        if new_text:
            ops.append(DiffOp("insert", new_text))
    return ops


def unified_diff(old_body: str, new_body: str, *, old_label: str, new_label: str) -> str:
    """The difference by paragraph in the familiar unified format."""
    return "".join(
        difflib.unified_diff(
            old_body.splitlines(keepends=True),
            new_body.splitlines(keepends=True),
            fromfile=old_label,
            tofile=new_label,
            n=1,
        )
    )
