"""The text work of an import batch (cleaning, fingerprints, extraction) spread over worker processes.

Both steps are pure Python and need neither the database nor Django's settings, so a worker is a fresh
interpreter (spawned, never forked: a forked child would share the parent's database connection). Work is
started for the next batch while the current one is written, and results come back in the order asked
for, so what is stored does not depend on which worker finished first.
"""

import atexit
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from articles.identity import PreparedArticle, article_text_prepare
from claims.extraction.pipeline import extract
from claims.extraction.types import Extraction

# Fewer items than this are worked on in this process: starting the workers would cost more.
PARALLEL_FROM = 16
# Items sent to a worker at a time, so that each round trip carries enough work.
CHUNK = 8

_pool: ProcessPoolExecutor | None = None
_broken = False

Worked = tuple[PreparedArticle, Extraction | None]


def workers() -> int:
    """Worker processes to use: one per CPU this process may run on (IMPORT_WORKERS overrides; 1 = none)."""
    configured = os.environ.get("IMPORT_WORKERS", "")
    if configured.isdigit():
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def texts_work_start(texts: Sequence[tuple[str, str]], *, extract: bool) -> Callable[[], list[Worked]]:
    """Start `article_text_prepare` of each (raw text, url), and `extract` of its cleaned body if `extract`;
    gives what collects the results, in order.

    In the workers the work runs while the caller goes on; in this process (too few texts, one CPU) it
    runs when collected, and without the extraction, which the caller asks for only where it is needed.
    """
    if len(texts) < PARALLEL_FROM or workers() < 2 or _broken:
        return lambda: [(_prepare(text), None) for text in texts]
    try:
        results = _executor().map(_work, [(raw, url, extract) for raw, url in texts], chunksize=CHUNK)
    except BrokenProcessPool:
        return _in_process(texts)

    def collect() -> list[Worked]:
        try:
            return list(results)
        except BrokenProcessPool:
            return _in_process(texts)()

    return collect


def extract_many(bodies: Sequence[str]) -> list[Extraction]:
    """`extract` of each body, in order (in the workers when there are enough)."""
    if len(bodies) < PARALLEL_FROM or workers() < 2 or _broken:
        return [extract(body) for body in bodies]
    try:
        return list(_executor().map(extract, bodies, chunksize=CHUNK))
    except BrokenProcessPool:
        _in_process(())
        return [extract(body) for body in bodies]


def _work(task: tuple[str, str, bool]) -> Worked:
    raw, url, also_extract = task
    prepared = article_text_prepare(raw=raw, url=url)
    return prepared, extract(prepared.cleaned.body) if also_extract else None


def _prepare(text: tuple[str, str]) -> PreparedArticle:
    raw, url = text
    return article_text_prepare(raw=raw, url=url)


def _in_process(texts: Sequence[tuple[str, str]]) -> Callable[[], list[Worked]]:
    # A worker died (or the pool could not start): the rest of the import works in this process.
    global _broken, _pool
    _broken, _pool = True, None
    return lambda: [(_prepare(text), None) for text in texts]


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=get_context("spawn"))
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool
