"""The text work of an import batch (cleaning, fingerprints, extraction) spread over worker processes.

Both steps are pure Python and need neither the database nor Django's settings, so a worker is a fresh
interpreter (spawned, never forked: a forked child would share the parent's database connection). Results
come back in the order asked for, so what is stored does not depend on which worker finished first.
"""

import atexit
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from articles.identity import PreparedArticle, article_text_prepare
from claims.extraction.pipeline import extract
from claims.extraction.types import Extraction

# Fewer items than this are worked on in this process: starting the workers would cost more.
PARALLEL_FROM = 16
# Items sent to a worker at a time, so that each round trip carries enough work.
CHUNK = 8

_pool: ProcessPoolExecutor | None = None


def workers() -> int:
    """Worker processes to use: one per CPU this process may run on (IMPORT_WORKERS overrides; 1 = none)."""
    configured = os.environ.get("IMPORT_WORKERS", "")
    if configured.isdigit():
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def texts_prepare(texts: Sequence[tuple[str, str]]) -> list[PreparedArticle]:
    """`article_text_prepare` of each (raw text, url), in order."""
    return _map(_prepare, texts)


def extract_many(bodies: Sequence[str]) -> list[Extraction]:
    """`extract` of each body, in order."""
    return _map(extract, bodies)


def _prepare(text: tuple[str, str]) -> PreparedArticle:
    raw, url = text
    return article_text_prepare(raw=raw, url=url)


def _map[Item, Result](function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    if len(items) < PARALLEL_FROM or workers() < 2:
        return [function(item) for item in items]
    return list(_executor().map(function, items, chunksize=CHUNK))


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=get_context("spawn"))
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool
