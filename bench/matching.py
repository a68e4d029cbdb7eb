"""Claim matching on hand-labelled claim pairs: precision and recall at the suggestion (low) threshold and at
the automatic-confirmation (high) threshold, which also needs the same speaker.

    uv run python bench/matching.py [-v]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.matching import CANDIDATE_OVERLAP, HIGH_THRESHOLD, LOW_THRESHOLD, match_score, word_pairs
from tests.data.claim_pairs import PAIRS


def evaluate() -> dict[str, tuple[float, float, int, int, int]]:
    """threshold name -> (precision, recall, true positives, false positives, false negatives)."""
    results = {}
    for name, threshold, needs_speaker in (("low", LOW_THRESHOLD, False), ("high", HIGH_THRESHOLD, True)):
        tp = fp = fn = 0
        for first, second, same_speaker, same in PAIRS:
            relevant = same and (same_speaker or not needs_speaker)
            predicted = match_score(first, second) >= threshold and (same_speaker or not needs_speaker)
            tp += predicted and relevant
            fp += predicted and not relevant
            fn += relevant and not predicted
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        results[name] = (precision, recall, tp, fp, fn)
    return results


def lowest_candidate_overlap() -> float:
    """The smallest share of either claim's word pairs that a same-claim pair has in common: candidates
    are looked up by sharing CANDIDATE_OVERLAP of them, so this must not be below it."""
    shares = []
    for first, second, _, same in PAIRS:
        if same:
            a, b = word_pairs(first), word_pairs(second)
            shares.append(min(len(a & b) / len(a), len(a & b) / len(b)))
    return min(shares)


def main() -> None:
    if "-v" in sys.argv:
        for first, second, _, same in PAIRS:
            print(f"{match_score(first, second):.3f} {'same' if same else 'diff'} {second[:60]!r}")
    print(f"{len(PAIRS)} labelled pairs, {sum(p[3] for p in PAIRS)} the same claim")
    for name, (precision, recall, tp, fp, fn) in evaluate().items():
        threshold = LOW_THRESHOLD if name == "low" else HIGH_THRESHOLD
        counts = f"(tp {tp}, fp {fp}, fn {fn})"
        print(f"{name:>4} threshold {threshold:.2f}: precision {precision:.2f}  recall {recall:.2f}  {counts}")
    print(
        f"lowest share of word pairs in common, same claim: {lowest_candidate_overlap():.2f} (index asks for "
        f"{CANDIDATE_OVERLAP:.2f})"
    )


if __name__ == "__main__":
    main()
