"""Re-anchoring on article pairs with realistic edits: share of claims placed exactly, moved correctly,
orphaned, and placed on the wrong text (which must be none).

    uv run python bench/reanchoring.py [-v]
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.anchoring import Method, PositionMap, Selector, place, quote_context
from tests.data.reanchoring import pairs


def outcome(placement, expected) -> str:
    """exact | moved | orphaned | lost (orphaned but still in the text) | wrong."""
    if not placement.placed:
        return "orphaned" if expected is None else "lost"
    if expected != (placement.start, placement.end):
        return "wrong"
    return "exact" if placement.method == Method.EXACT else "moved"


def run(verbose: bool = False) -> Counter:
    """Place every claim of the corpus and count the outcomes."""
    counts: Counter = Counter()
    for name, old, new, expected in pairs():
        positions = PositionMap(old, new)
        for (start, end), target in expected:
            prefix, suffix = quote_context(old, start, end)
            selector = Selector(exact=old[start:end], prefix=prefix, suffix=suffix, start=start, end=end)
            placement = place(selector, new, hint=positions(start))
            result = outcome(placement, target)
            counts[result] += 1
            if verbose and (result in ("wrong", "lost") or placement.method != Method.EXACT):
                print(f"{name}: {old[start:end][:50]!r} -> {result} ({placement.method}, {placement.score})")
    return counts


def main() -> None:
    counts = run(verbose="-v" in sys.argv)
    total = sum(counts.values())
    for key in ("exact", "moved", "orphaned", "lost", "wrong"):
        print(f"{key:>9}: {counts[key]:3d}  {counts[key] / total:6.1%}")
    print(f"{'claims':>9}: {total:3d}")


if __name__ == "__main__":
    main()
