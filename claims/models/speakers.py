"""People, organisations, unnamed spokespersons and groups who make claims."""

import pghistory
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Lower, Upper

from claims.choices import SpeakerKind


@pghistory.track()
class Speaker(models.Model):
    """Someone who makes claims: a person, an organisation, an unnamed spokesperson or a group."""

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=SpeakerKind.choices, default=SpeakerKind.PERSON)
    description = models.TextField(blank=True, max_length=2000)
    organisation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spokespersons",
        help_text="For an unnamed spokesperson: the organisation they speak for.",
    )
    members = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="groups", help_text="For a group: its members."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_speakers",
        help_text="Set when this speaker was merged into another; kept so old links still resolve.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=SpeakerKind.values), name="speaker_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")), name="speaker_not_merged_into_itself"
            ),
        ]
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="speaker_name_trgm"),
            # Exact, case-blind name lookups (importing matches every extracted name this way).
            models.Index(Upper("name"), name="speaker_name_upper"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class SpeakerAlias(models.Model):
    """Another name a speaker goes by ("Okafor" or "Mr Okafor" for "Peter Okafor")."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint("speaker", Lower("name"), name="speaker_alias_unique_ci"),
        ]
        indexes = [
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="speaker_alias_name_trgm"),
            models.Index(Upper("name"), name="speaker_alias_name_upper"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class SpeakerRole(models.Model):
    """A role or affiliation held over a period ("MP for Leeds North", "Green Party")."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300, blank=True, help_text='e.g. "former general secretary"')
    organisation = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="affiliated_roles",
        limit_choices_to={"kind": SpeakerKind.ORGANISATION},
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    source_article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_roles",
        help_text="The article that states this role.",
    )

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__lte=models.F("end_date")),
                name="speaker_role_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(title="") | models.Q(organisation__isnull=False),
                name="speaker_role_has_title_or_organisation",
            ),
        ]

    def __str__(self) -> str:
        organisation = str(self.organisation or "")
        if organisation and organisation.casefold() in self.title.casefold():
            return self.title
        return ", ".join(part for part in (self.title, organisation) if part)
