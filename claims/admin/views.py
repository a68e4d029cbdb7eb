"""The writes the workbench offers, each parsed from a form and handed to one service or workflow function.

Every handler reports through admin messages: a refused role, a disallowed transition or invalid input is
shown to the reviewer, never a server error.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from claims import workflow
from claims.choices import ReviewStatus
from claims.exceptions import ClaimtrackError
from claims.models import Claim
from claims.services import editing
from claims.services.speakers import speaker_create
from claims.services.versions import claim_reattach

from .forms import AssignForm, CiteForm, ClaimCreateForm, LinkForm, NoteForm, ReattachForm, RejectForm, ReviewForm


def error_text(error: Exception) -> str:
    """A message a reviewer can act on, from any error the services raise on purpose."""
    if isinstance(error, ClaimtrackError):
        return error.message or error.__class__.__name__
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{'' if field == '__all__' else field + ': '}{' '.join(msgs)}"
                for field, msgs in error.message_dict.items()
            )
        return " ".join(error.messages)
    raise error


def attempt(request: HttpRequest, write: Callable[[], Any], success: str | Callable[[Any], str]) -> Any:
    """Run one write; show success or the reason it was refused as an admin message."""
    try:
        result = write()
    except (ClaimtrackError, ValidationError) as error:
        messages.error(request, error_text(error))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result if result is not None else True


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show a bound form's errors as admin messages (the workbench forms are small, one line each)."""
    for field, errors in form.errors.items():
        label = "" if field == "__all__" else f"{form.fields[field].label or field}: "
        for error in errors:
            messages.error(request, f"{label}{error}")


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to where the form was posted from (`next`), if that is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = default
    return HttpResponseRedirect(target or default)


# Transitions --------------------------------------------------------------------------------------------


def _waiting_review(claim: Claim):
    review = workflow.waiting_review(claim)
    if review is None:
        raise ValidationError("There is no submitted verdict waiting for approval.")
    return review


def _send_back(*, claim: Claim, user, data: dict) -> Any:
    return workflow.review_send_back(review=_waiting_review(claim), user=user, reason=data.get("reason", ""))


def _publish(*, claim: Claim, user, data: dict) -> Any:
    return workflow.review_publish(review=_waiting_review(claim), user=user)


def _revise(*, claim: Claim, user, data: dict) -> Any:
    return workflow.review_revise(
        review=_waiting_review(claim), user=user, rating=data["rating"], summary=data["summary"], body=data["body"]
    )


def _withdraw(*, claim: Claim, user, data: dict) -> Any:
    return workflow.review_withdraw(review=_waiting_review(claim), user=user)


def _waiting_verdict_as_initial(claim: Claim) -> dict:
    """The waiting verdict's current wording, read from the reviews the claim page already loaded."""
    waiting = [review for review in claim.reviews.all() if review.status == ReviewStatus.SUBMITTED]
    if not waiting:
        return {}
    review = max(waiting, key=lambda r: r.created_at)
    return {"rating": review.rating, "summary": review.summary, "body": review.body}


@dataclass(frozen=True)
class Transition:
    """How the admin offers one workflow transition: its button, its input, the function it calls."""

    label: str
    run: Callable[..., Any]
    form_class: type[forms.Form] | None = None
    style: str = ""
    key: str = ""
    initial: Callable[[Claim], dict] | None = None

    def form(self, claim: Claim | None = None) -> forms.Form | None:
        if self.form_class is None:
            return None
        initial = self.initial(claim) if self.initial is not None and claim is not None else None
        return self.form_class(initial=initial)


TRANSITIONS: dict[str, Transition] = {
    "accept": Transition(
        "Accept", lambda *, claim, user, data: workflow.claim_accept(claim=claim, user=user), style="accept", key="a"
    ),
    "reject": Transition(
        "Reject",
        lambda *, claim, user, data: workflow.claim_reject(claim=claim, user=user, reason=data.get("reason", "")),
        RejectForm,
        style="reject",
        key="r",
    ),
    "reopen": Transition("Reopen", lambda *, claim, user, data: workflow.claim_reopen(claim=claim, user=user)),
    "assign": Transition(
        "Assign for review",
        lambda *, claim, user, data: workflow.claim_assign(claim=claim, user=user, assignee=data["assignee"]),
        AssignForm,
    ),
    "submit": Transition(
        "Submit verdict",
        lambda *, claim, user, data: workflow.review_submit(
            claim=claim, user=user, rating=data["rating"], summary=data["summary"], body=data.get("body", "")
        ),
        ReviewForm,
    ),
    "publish": Transition("Approve and publish verdict", _publish, style="accept"),
    "send_back": Transition("Send verdict back", _send_back, RejectForm, style="reject"),
    "correct": Transition(
        "Correct published verdict",
        lambda *, claim, user, data: workflow.review_correct(
            claim=claim, user=user, rating=data["rating"], summary=data["summary"], body=data.get("body", "")
        ),
        ReviewForm,
    ),
    "revise": Transition("Revise verdict", _revise, ReviewForm, initial=_waiting_verdict_as_initial),
    "withdraw": Transition("Withdraw verdict", _withdraw, style="reject"),
}


def transition_named(name: str) -> Transition | None:
    """The admin's description of the workflow transition called `name`."""
    return TRANSITIONS.get(name)


def available(*, claim: Claim, user) -> list[tuple[str, Transition, str | None]]:
    """The transitions the claim's state offers, with their buttons and, for those `user` may not make, why."""
    options = workflow.transition_options(claim=claim, user=user)
    names = [name for name, _ in options]
    if "withdraw" in names:
        # Revising changes no status, so the workflow table does not list it; it is open exactly when
        # withdrawing is: to the author of a verdict still waiting for approval.
        at = names.index("withdraw")
        options.insert(at, ("revise", options[at][1]))
    offered = []
    for name, reason in options:
        transition = transition_named(name)
        if transition is not None:
            offered.append((name, transition, reason))
    return offered


def transition_run(request: HttpRequest, *, claim: Claim, name: str) -> bool:
    """Parse the transition's input from the POST and call the workflow function."""
    transition = transition_named(name)
    if transition is None:
        messages.error(request, f"Unknown transition “{name}”.")
        return False
    data: dict = {}
    if transition.form_class is not None:
        form = transition.form_class(request.POST)
        if not form.is_valid():
            form_errors(request, form)
            return False
        data = form.cleaned_data
    done = attempt(
        request,
        lambda: transition.run(claim=claim, user=request.user, data=data),
        f"Claim #{claim.pk}: {transition.label.lower()} done.",
    )
    return done is not None


# Claims, links, citations, notes --------------------------------------------------------------------------


def claim_create_from_form(request: HttpRequest, *, article, form: ClaimCreateForm) -> Claim | None:
    """Create the claim a reviewer selected in the body, creating its speaker first if it is new."""
    if not form.is_valid():
        form_errors(request, form)
        return None
    data = form.cleaned_data

    def write() -> Claim:
        speaker = data["speaker"]
        if speaker is None and data["new_speaker_name"].strip():
            speaker = speaker_create(name=data["new_speaker_name"], kind=data["new_speaker_kind"], user=request.user)
        return editing.claim_create(
            article=article,
            start=data["start"],
            end=data["end"],
            user=request.user,
            speaker=speaker,
            kind=data["kind"],
            claim_type=data["claim_type"],
            direct=data["direct"],
        )

    return attempt(request, write, lambda claim: f"Claim #{claim.pk} created: “{claim}”.")


def relation_create_from_form(request: HttpRequest, form: LinkForm) -> Any:
    """Link a claim to the claim it answers (or supports, repeats, ...)."""
    if not form.is_valid():
        form_errors(request, form)
        return None
    data = form.cleaned_data
    return attempt(
        request,
        lambda: editing.claim_relation_create(
            source=data["claim"],
            target=data["resolved_target"],
            relation_type=data["relation_type"],
            user=request.user,
            note=data.get("note", ""),
        ),
        lambda relation: (
            f"Linked: claim #{relation.source_id} {relation.get_relation_type_display()} claim #{relation.target_id}."
        ),
    )


def citation_create_from_form(request: HttpRequest, form: CiteForm) -> Any:
    """Cite a source for a claim, creating the source first if it is new."""
    if not form.is_valid():
        form_errors(request, form)
        return None
    data = form.cleaned_data

    def write():
        source = data["source"]
        if source is None:
            source = editing.source_create(
                user=request.user,
                title=data["new_source_title"].strip(),
                url=data["new_source_url"],
                source_type=data["new_source_type"],
            )
        return editing.citation_create(
            claim=data["claim"], source=source, stance=data["stance"], excerpt=data["excerpt"], user=request.user
        )

    return attempt(request, write, lambda citation: f"Cited: {citation}.")


def note_create_from_form(request: HttpRequest, *, claim: Claim, form: NoteForm) -> Any:
    """Add a message to the claim's discussion thread."""
    if not form.is_valid():
        form_errors(request, form)
        return None
    return attempt(
        request,
        lambda: editing.note_create(claim=claim, user=request.user, body=form.cleaned_data["body"]),
        "Note added.",
    )


def claim_reattach_from_form(request: HttpRequest, *, article, form: ReattachForm) -> Claim | None:
    """Put an orphaned claim of this article on the text the reviewer selected."""
    if not form.is_valid():
        form_errors(request, form)
        return None
    data = form.cleaned_data
    claim = Claim.objects.filter(pk=data["claim"], article=article).first()
    if claim is None:
        messages.error(request, "No such claim in this article.")
        return None
    return attempt(
        request,
        lambda: claim_reattach(claim=claim, start=data["start"], end=data["end"], user=request.user),
        lambda claim: f"Claim #{claim.pk} re-attached: “{claim}”.",
    )


def shown_once(request: HttpRequest, *, title: str, explanation: str, secret: str, next_url: str) -> HttpResponse:
    """A page showing a new key or secret in the answer to the POST that made it.

    Secrets never go through the messages framework: its default storage is a cookie the browser keeps
    and sends back. The page is not cached either.
    """
    context = {
        **admin.site.each_context(request),
        "title": title,
        "explanation": explanation,
        "secret": secret,
        "next_url": next_url,
    }
    response = TemplateResponse(request, "admin/claims/shown_once.html", context)
    add_never_cache_headers(response)
    return response
