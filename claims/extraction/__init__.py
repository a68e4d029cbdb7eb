"""Deterministic extraction of quotations, speakers, claims and responses from an article body."""

from claims.extraction.pipeline import extract
from claims.extraction.types import Extraction, ProposedSpeaker, ProposedStatement

__all__ = ["Extraction", "ProposedSpeaker", "ProposedStatement", "extract"]
