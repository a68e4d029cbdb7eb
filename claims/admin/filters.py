"""Changelist filters reviewers ask for: their queue, the assignee, answered or not, sourced or not."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from claims.choices import ClaimStatus
from claims.models import Claim, Speaker
from claims.selectors import claim_queue


class QueueFilter(admin.SimpleListFilter):
    """What waits for the signed-in reviewer, and the shared queues of proposals."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("mine", "My queue"),
            ("proposals", "Proposals to check"),
            ("unassigned", "Accepted, not yet assigned"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(pk__in=claim_queue(user=request.user).values("pk"))
        if self.value() == "proposals":
            return queryset.filter(status=ClaimStatus.PROPOSED)
        if self.value() == "unassigned":
            return queryset.filter(status=ClaimStatus.ACCEPTED, assignee__isnull=True)
        return queryset


class SpeakerFilter(admin.SimpleListFilter):
    """Claims of one speaker, reached from a link; the sidebar names the speaker instead of listing them all."""

    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        value = self.value()
        speaker = Speaker.objects.filter(pk=int(value)).only("name").first() if value and value.isdigit() else None
        return [(value, speaker.name)] if speaker else []

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(speaker_id=int(value)) if value and value.isdigit() else queryset


class AssigneeFilter(admin.SimpleListFilter):
    """Claims by assignee, with "me" and "nobody" first."""

    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        # EXISTS per user (an index probe each) rather than a join over every assigned claim.
        assigned = Claim.objects.filter(assignee=OuterRef("pk"))
        users = get_user_model().objects.filter(Exists(assigned)).order_by("username")
        return [("me", "Me"), ("none", "Nobody"), *((str(u.pk), u.get_username()) for u in users)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


class _AnnotatedBooleanFilter(admin.SimpleListFilter):
    """Yes/no on a boolean the changelist queryset annotates."""

    annotation = ""

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{self.annotation: self.value() == "yes"})
        return queryset


class HasResponseFilter(_AnnotatedBooleanFilter):
    """Claims some response answers (rebuts, denies, clarifies, apologises for)."""

    title = "has response"
    parameter_name = "answered"
    annotation = "has_response"


class HasSourceFilter(_AnnotatedBooleanFilter):
    """Claims with at least one cited source."""

    title = "has source"
    parameter_name = "sourced"
    annotation = "has_source"
