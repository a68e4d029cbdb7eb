"""Run the extraction steps over one body: read it in order, then assemble the result."""

from claims.extraction.assembly import assemble
from claims.extraction.reading import Reader
from claims.extraction.types import Extraction


def extract(body: str) -> Extraction:
    """Propose the statements of an article body with their speakers, kinds and response links."""
    if not body or not body.strip():
        return Extraction(speakers=(), statements=())
    reader = Reader(body)
    return assemble(reader.read(), reader.registry)
