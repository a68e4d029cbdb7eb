"""Article text with claim spans marked up, built server-side so the text itself is always escaped."""

from collections.abc import Iterable, Sequence
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.choices import ClaimKind, ClaimStatus, ClaimType
from claims.models import Claim

_KINDS, _TYPES, _STATUSES = dict(ClaimKind.choices), dict(ClaimType.choices), dict(ClaimStatus.choices)


def claim_hover_text(claim: Claim) -> str:
    """What a reviewer sees when hovering a span: who said it, what it is and where it stands."""
    speaker = claim.speaker.name if claim.speaker_id else "unknown speaker"
    kind, claim_type = _KINDS.get(claim.kind, claim.kind), _TYPES.get(claim.claim_type, claim.claim_type)
    return f"#{claim.pk} {speaker} — {kind}, {claim_type}, {_STATUSES.get(claim.status, claim.status)}"


def highlight_body(body: str, claims: Iterable[Claim]) -> SafeString:
    """`body` as HTML in which every claim span is a <mark>; every piece of text goes through `escape`.

    Spans may overlap (a manual claim inside a longer quotation): the body is cut at every span boundary
    and each piece is marked with the innermost claim covering it, listing all covering claims so that
    hovering any of them lights up every piece, and classed by how many claims overlap there.
    """
    spans = [c for c in claims if c.orphaned_at is None and 0 <= c.start < c.end <= len(body)]
    bounds = sorted({0, len(body), *(c.start for c in spans), *(c.end for c in spans)})
    # One sweep along the body: the spans open at a piece are the ones covering it, as every span end is a
    # bound (looking every span up for every piece grew with the square of the claims).
    by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
    following, open_spans = 0, []
    pieces: list[str] = []
    hover: dict[int, str] = {}
    for start, end in pairwise(bounds):
        while following < len(by_start) and spans[by_start[following]].start <= start:
            open_spans.append(by_start[following])
            following += 1
        open_spans = [i for i in open_spans if spans[i].end > start]
        covering = [spans[i] for i in sorted(open_spans)]
        if not covering:
            pieces.append(escape(body[start:end]))
            continue
        inner = min(covering, key=lambda c: (c.end - c.start, c.pk))
        # Where spans overlap, the piece says how many cover it, so every one of them stays visible.
        depth = f" overlap depth-{min(len(covering), 3)}" if len(covering) > 1 else ""
        if inner.pk not in hover:
            hover[inner.pk] = escape(claim_hover_text(inner))
        pieces.append(
            f'<mark class="claim kind-{escape(inner.kind)} status-{escape(inner.status)}'
            f'{" first" if start == inner.start else ""}{depth}" data-claim="{inner.pk}"'
            f' data-claims="{" ".join(str(c.pk) for c in covering)}" title="{hover[inner.pk]}">'
            f"{escape(body[start:end])}</mark>"
        )
    return mark_safe("".join(pieces))


def paragraph_around(body: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph (blank-line separated) containing body[start:end], split into before/span/after."""
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start == -1 else para_start + 2
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end == -1 else para_end
    return body[para_start:start], body[start:end], body[end:para_end]


def relation_map(claims: Sequence[Claim]) -> dict[str, dict[str, list[int]]]:
    """For each claim id: the claims it links to (targets) and the claims linking to it (sources).

    Reads the links loaded by `article_workbench_claims` (`links_out`, `links_in`), so it runs no queries.
    """
    return {
        str(claim.pk): {
            "targets": [relation.target_id for relation in claim.links_out],
            "sources": [relation.source_id for relation in claim.links_in],
        }
        for claim in claims
    }


def review_progress(*, total: int, proposed: int) -> SafeString:
    """How far an article's review has got: "12 of 15 reviewed" and a bar, for lists and the workbench."""
    reviewed = total - proposed
    return format_html(
        '<span class="progress" data-reviewed="{}" data-total="{}">{} of {} reviewed '
        '<progress value="{}" max="{}" aria-hidden="true"></progress></span>',
        reviewed,
        total,
        reviewed,
        total,
        reviewed,
        total or 1,
    )
