"""The word diff between article versions: difflib's quadratic alignment against the patience one, side by
side, on news-like bodies with a few newsroom edits (a corrected figure, a rewritten or moved paragraph).

    uv run python bench/diff.py [--old-limit SECONDS]

difflib is not run where the last size it ran on predicts (quadratically) more than --old-limit seconds;
the line then gives that prediction ("est.") instead.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.versions import difflib_opcodes, word_diff
from tests.data.edits import edited, news_body

SIZES_KB = (10, 20, 40, 200)


def timed(old: str, new: str, **options) -> tuple[float, int]:
    started = time.perf_counter()
    ops = word_diff(old, new, **options)
    return time.perf_counter() - started, sum(len(op.text) for op in ops if op.op != "equal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-limit", type=float, default=60.0, help="longest difflib run to attempt, in seconds")
    args = parser.parse_args()
    print(
        f"{'body':>7} {'words':>7} {'difflib s':>10} {'patience s':>11} {'speed-up':>9} {'changed chars old/new':>22}"
    )
    last: tuple[int, float] | None = None
    for kb in SIZES_KB:
        old = news_body(kb * 1000, seed=kb)
        new, _ = edited(old, seed=kb)
        words = len(old.split())
        fast, fast_changed = timed(old, new)
        predicted = last[1] * (kb / last[0]) ** 2 if last else 0.0
        if predicted > args.old_limit:
            print(
                f"{kb:>5}KB {words:>7} {'~' + format(predicted, '.0f') + ' est.':>10} {fast:>11.3f}"
                f" {'~' + format(predicted / fast, '.0f') + 'x':>9} {'-':>10} / {fast_changed}"
            )
            continue
        slow, slow_changed = timed(old, new, opcodes=difflib_opcodes)
        last = (kb, slow)
        print(
            f"{kb:>5}KB {words:>7} {slow:>10.3f} {fast:>11.3f} {slow / fast:>8.0f}x"
            f" {slow_changed:>10} / {fast_changed}"
        )


if __name__ == "__main__":
    main()
