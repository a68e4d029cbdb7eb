"""How two versions of an article differ, and whether the newer one says that it was corrected."""

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


def word_diff(old_body: str, new_body: str) -> list[DiffOp]:
    """The word-level difference between two texts, as runs of kept, removed and added text.

    Like diff-match-patch's semantic cleanup, a sliver of kept text (a space, one short word) between two
    changes is folded into them, so a rewritten sentence reads as one removal and one addition.
    """
    old_tokens, new_tokens = TOKEN.findall(old_body), TOKEN.findall(new_body)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
