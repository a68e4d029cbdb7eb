"""CSV export of claims with their speakers, responses, sources and verdicts, streamed row by row."""

import csv
from collections.abc import Iterable, Iterator

from claims.models import Claim

HEADER = (
    "claim_id",
    "status",
    "kind",
    "claim_type",
    "direct",
    "text",
    "speaker_id",
    "speaker",
    "speaker_kind",
    "article_id",
    "headline",
    "outlet",
    "article_url",
    "published",
    "start",
    "end",
    "responses",
    "sources",
    "verdict",
    "verdict_summary",
    "created_at",
)
# Spreadsheet programs run cells starting with these as formulas; a leading quote keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def claim_row(claim: Claim) -> list[str]:
    """One claim as a CSV row (claim from `claims.selectors.claim_export`)."""
    speaker, article = claim.speaker, claim.article
    responses = " | ".join(
        f"#{relation.source_id} {relation.relation_type}"
        f"{' by ' + relation.source.speaker.name if relation.source.speaker else ''}: {relation.source.text}"
        for relation in claim.answers
    )
    sources = " | ".join(
        f"{citation.stance}: {citation.source.title}" + (f" <{citation.source.url}>" if citation.source.url else "")
        for citation in claim.citations.all()
    )
    verdict = claim.published_reviews[0] if claim.published_reviews else None
    values = (
        claim.pk,
        claim.status,
        claim.kind,
        claim.claim_type,
        "yes" if claim.direct else "no",
        claim.text,
        speaker.pk if speaker else "",
        speaker.name if speaker else "",
        speaker.kind if speaker else "",
        article.pk,
        article.headline,
        article.outlet.name if article.outlet_id else "",
        article.url,
        article.published.isoformat() if article.published else "",
        claim.start,
        claim.end,
        responses,
        sources,
        verdict.rating if verdict else "",
        verdict.summary if verdict else "",
        claim.created_at.isoformat(),
    )
    return [_cell(value) for value in values]


def claim_csv_lines(claims: Iterable[Claim]) -> Iterator[str]:
    """The header line, then one line per claim; the queryset is read in chunks, never all at once."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    iterator = claims.iterator(chunk_size=CHUNK_SIZE) if hasattr(claims, "iterator") else claims
    for claim in iterator:
        yield writer.writerow(claim_row(claim))
