"""The word diff between article versions: correct on the edits newsrooms make, and linear-ish on long bodies
(difflib only ever sees small gaps)."""

import difflib
import re

import pytest

from articles import versions
from articles.versions import SMALL_GAP, difflib_opcodes, word_diff
from tests.data.edits import edited, news_body

OLD = (
    "Ferry fares to rise in spring\n\n"
    "The harbour board said fares would rise by 12 per cent from April, the first rise since 2019.\n\n"
    "“Nobody wants to pay more, but the boats are forty years old,” said the board's chair, Lucia Varga.\n\n"
    "Passengers' groups said they had not been consulted.\n\n"
    "The board will publish its accounts in June."
)


def changes(old: str, new: str, **options) -> list[tuple[str, str]]:
    return [(op.op, op.text) for op in word_diff(old, new, **options) if op.op != "equal"]


def rebuilt(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(op.text for op in ops if op.op != "insert") == old
    assert "".join(op.text for op in ops if op.op != "delete") == new


def test_a_corrected_figure_is_one_word_out_and_one_in():
    new = OLD.replace("12 per cent", "15 per cent")
    assert changes(OLD, new) == [("delete", "12"), ("insert", "15")]
    rebuilt(OLD, new)


def test_a_rewritten_quote_reads_as_one_removal_and_one_addition():
    new = OLD.replace(
        "“Nobody wants to pay more, but the boats are forty years old,”",
        "“The fleet must be replaced before it fails,”",
    )
    assert changes(OLD, new) == [
        ("delete", "Nobody wants to pay more, but the boats are forty years old"),
        ("insert", "The fleet must be replaced before it fails"),
    ]
    rebuilt(OLD, new)


def test_an_added_correction_note_and_a_cut_paragraph():
    new = OLD.replace("Passengers' groups said they had not been consulted.\n\n", "") + (
        "\n\nCorrection: an earlier version of this article gave the wrong date for the rise."
    )
    # Where the full stop shared by both ends goes is a matter of alignment; the words are not.
    found = [(op, text.strip(".\n")) for op, text in changes(OLD, new)]
    assert found == [
        ("delete", "Passengers' groups said they had not been consulted"),
        ("insert", "Correction: an earlier version of this article gave the wrong date for the rise"),
    ]
    rebuilt(OLD, new)


def test_a_moved_paragraph_is_removed_in_one_place_and_added_in_the_other():
    paragraphs = OLD.split("\n\n")
    moved = "\n\n".join([paragraphs[0], paragraphs[4], *paragraphs[1:4]])
    found = changes(OLD, moved)
    assert [op for op, _ in found] == ["insert", "delete"]
    words = [sorted(re.findall(r"\w+", text)) for _, text in found]
    assert words[0] == words[1] == sorted(re.findall(r"\w+", paragraphs[4]))
    rebuilt(OLD, moved)


def test_identical_and_empty_texts():
    assert changes(OLD, OLD) == []
    assert word_diff("", "") == []
    assert changes("", OLD) == [("insert", OLD)] and changes(OLD, "") == [("delete", OLD)]


@pytest.mark.parametrize("seed", range(8))
def test_edited_bodies_rebuild_and_change_as_little_as_difflib(seed):
    old = news_body(4_000, seed=seed)
    new, _ = edited(old, seed=seed)
    rebuilt(old, new)
    changed = sum(len(text) for _, text in changes(old, new))
    quadratic = sum(len(text) for _, text in changes(old, new, opcodes=difflib_opcodes))
    # The same edits found. Where a paragraph moved, the anchors may keep other text than difflib's longest
    # runs do, so a little more can read as changed, never the body.
    assert changed <= quadratic * 1.5 + 20
    assert changed < len(old) / 2


def test_a_long_body_never_hands_difflib_a_large_gap(monkeypatch):
    seen = []

    class Recording(difflib.SequenceMatcher):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            seen.append(len(a) * len(b))
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(versions.difflib, "SequenceMatcher", Recording)
    old = news_body(200_000, seed=3)
    new, _ = edited(old, seed=3, edits=10)
    rebuilt(old, new)
    assert seen and max(seen) <= SMALL_GAP
    # Ten paragraph-sized edits mark a few kilobytes, not the body.
    assert sum(len(text) for _, text in changes(old, new)) < 10 * 1_500
