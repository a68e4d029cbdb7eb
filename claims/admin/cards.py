"""The workbench's claim cards as HTML, written in Python: a long article has hundreds of cards, and the
template engine spent seconds on what these functions write in milliseconds. Every value from a row goes
through `html.escape`, as the template's autoescape would."""

from collections.abc import Callable, Iterable
from html import escape

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from claims.choices import ClaimKind, ClaimStatus, ClaimType, RelationType, Stance

_CLAIM = 2**62  # a stand-in id, replaced in the reversed URL


def _e(value) -> str:
    return escape(str(value))


def _truncated(text: str, length: int) -> str:
    """As the `truncatechars` filter writes it; most texts are shorter and pass as they are."""
    return text if len(text) <= length else Truncator(text).chars(length)


def claim_url_maker() -> Callable[[int], str]:
    """`claim id -> the claim's admin page`, reversed once for a whole page of claims."""
    pattern = reverse("admin:claims_claim_change", args=[_CLAIM])
    return lambda claim_id: pattern.replace(str(_CLAIM), str(claim_id), 1)


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


class _Page:
    """What every card of one page shares: URL patterns (reversed once, not once per button), choice
    labels, the CSRF field, the page's own address."""

    def __init__(self, *, article_id: int, csrf_token: str, workbench_url: str, can_link: bool):
        self.article_id = article_id
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        self.workbench_url = _e(workbench_url)
        self.can_link = can_link
        self.kinds, self.types, self.statuses = _labels(ClaimKind), _labels(ClaimType), _labels(ClaimStatus)
        self.relation_types, self.stances = _labels(RelationType), _labels(Stance)
        self._patterns: dict[tuple, str] = {}

    def url(self, name: str, claim_id: int, *rest: str) -> str:
        pattern = self._patterns.get((name, rest))
        if pattern is None:
            pattern = self._patterns[(name, rest)] = _e(reverse(name, args=[_CLAIM, *rest]))
        return pattern.replace(str(_CLAIM), str(claim_id), 1)

    def link_to(self, far_claim) -> str:
        claim_id = far_claim.pk
        if far_claim.article_id == self.article_id:
            return f'<a href="#claim-{claim_id}" data-goto="{claim_id}">#{claim_id}</a>'
        url = self.url("admin:claims_claim_change", claim_id)
        return f'<a href="{url}">#{claim_id}</a> in “{_e(_truncated(far_claim.headline, 40))}”'

    def retype_controls(self, relation) -> str:
        options = "".join(
            f'<option value="{_e(value)}"{" selected" if value == relation.relation_type else ""}>{_e(label)}</option>'
            for value, label in self.relation_types.items()
        )
        pk = relation.pk
        return (
            f'<span class="link-controls"><label class="visually-hidden" for="retype-{pk}">Type of link #{pk}</label>'
            f'<select class="retype-link" id="retype-{pk}" data-relation="{pk}">{options}</select>'
            f'<button type="button" class="button remove-link" data-relation="{pk}">Remove link</button></span>'
        )


def _speaker_name(claim) -> str:
    return claim.speaker.name if claim.speaker_id else ""


def _outgoing(claim, page: _Page) -> str:
    items = [
        f"<li>{_e(page.relation_types.get(relation.relation_type, relation.relation_type))}"
        f" {page.link_to(relation.far)} {_e(relation.far.speaker_name)}:"
        f" “{_e(_truncated(relation.far.text, 50))}”"
        f" {page.retype_controls(relation) if page.can_link else ''}</li>"
        for relation in claim.links_out
    ]
    return f'<ul class="card-links answers">{"".join(items)}</ul>' if items else ""


def _incoming(claim, page: _Page) -> str:
    items = [
        f"<li>{page.link_to(relation.far)} {_e(relation.far.speaker_name)}"
        f" {_e(page.relation_types.get(relation.relation_type, relation.relation_type))} this</li>"
        for relation in claim.links_in
    ]
    return f'<ul class="card-links answered-by">{"".join(items)}</ul>' if items else ""


def _citations(claim, page: _Page) -> str:
    items = [
        f"<li>{_e(page.stances.get(citation.stance, citation.stance))}: {_e(_truncated(citation.title, 60))}</li>"
        for citation in claim.cited
    ]
    return f'<ul class="card-links citations">{"".join(items)}</ul>' if items else ""


def _actions(card: dict, page: _Page) -> str:
    claim, claim_url = card["claim"], _e(card["claim_url"])
    parts = []
    for name, transition, reason in card["transitions"]:
        label = _e(transition.label)
        if reason:
            parts.append(
                f'<button type="button" class="button" disabled title="{_e(reason)}" data-transition="{_e(name)}">'
                f'{label}</button><span class="why-not">{_e(reason)}</span>'
            )
        elif not transition.form_class or name == "reject":
            key = f' data-key="{_e(transition.key)}" aria-keyshortcuts="{_e(transition.key)}"' if transition.key else ""
            parts.append(
                f'<form method="post" action="{page.url("admin:claims_claim_transition", claim.pk, name)}"'
                f' class="transition-form">{page.csrf}'
                f'<input type="hidden" name="next" value="{page.workbench_url}#claim-{claim.pk}">'
                f'<button type="submit" class="button transition-{_e(transition.style or name)}"'
                f' data-transition="{_e(name)}"{key}>{label}</button></form>'
            )
        else:
            parts.append(f'<a class="button" href="{claim_url}#transition-{_e(name)}">{label}…</a>')
    parts.append(f'<a class="button open-claim" href="{claim_url}">Open</a>')
    return f'<div class="card-actions">{"".join(parts)}</div>'


def _card(card: dict, page: _Page) -> str:
    claim = card["claim"]
    speaker = _e(_speaker_name(claim))
    matches = (
        render_to_string("admin/articles/article/_card_matches.html", {"summary": card["matches"], "card": card})
        if card["matches"]
        else ""
    )
    kind, status = _e(claim.kind), _e(claim.status)
    return (
        f'<li class="claim-card kind-{kind} status-{status}" id="claim-{claim.pk}" data-claim="{claim.pk}"'
        f' data-kind="{kind}" data-claim-type="{_e(claim.claim_type)}" data-speaker="{speaker}" tabindex="-1">'
        f'<div class="card-head"><a href="{_e(card["claim_url"])}" class="claim-id">#{claim.pk}</a>'
        f' <strong class="card-speaker">{speaker or "<em>no speaker</em>"}</strong>'
        f' <span class="card-kind">{_e(page.kinds.get(claim.kind, claim.kind))} ·'
        f" {_e(page.types.get(claim.claim_type, claim.claim_type))}</span>"
        f' <span class="status-badge status-{status}">{_e(page.statuses.get(claim.status, claim.status))}</span></div>'
        f'<blockquote class="card-text">{_e(_truncated(claim.text, 220))}</blockquote>'
        f"{matches}{_outgoing(claim, page)}{_incoming(claim, page)}{_citations(claim, page)}{_actions(card, page)}"
        "</li>"
    )


def claim_cards(
    cards: Iterable[dict], *, article_id: int, csrf_token: str, workbench_url: str, can_link: bool
) -> SafeString:
    """The list items of the workbench's claim list, one per card (see `ArticleWorkbenchAdmin.workbench_view`);
    the claims carry the lists `article_workbench_claims` loads."""
    page = _Page(article_id=article_id, csrf_token=csrf_token, workbench_url=workbench_url, can_link=can_link)
    return mark_safe("\n".join(_card(card, page) for card in cards))
