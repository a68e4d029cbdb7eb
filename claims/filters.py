"""Query-string filters of the API lists."""

import django_filters as filters
from django.db.models import Q, QuerySet

from articles.models import Article
from claims.choices import ClaimKind, ClaimStatus, ClaimType, Rating, RelationType, ReviewStatus, SpeakerKind
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker
from claims.selectors import claim_has_rating, text_query
from claims.services.speakers import speaker_search


class ArticleFilterSet(filters.FilterSet):
    outlet = filters.NumberFilter(field_name="outlet_id")
    published_after = filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published", lookup_expr="lte")
    q = filters.CharFilter(method="filter_text", help_text="Full-text search in headline and body.")

    class Meta:
        model = Article
        fields = ["outlet", "published_after", "published_before", "language", "q"]

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_vector=text_query(value)) if value.strip() else queryset


class SpeakerFilterSet(filters.FilterSet):
    # Hides merged speakers unless asked, so it must run on unfiltered requests too.
    always_apply = True

    kind = filters.ChoiceFilter(choices=SpeakerKind.choices)
    affiliation = filters.NumberFilter(
        method="filter_affiliation", help_text="Id of an organisation the speaker holds a role in or speaks for."
    )
    q = filters.CharFilter(method="filter_name", help_text="Name or alias, fuzzy (trigram) matching.")
    include_merged = filters.BooleanFilter(
        method="filter_merged", help_text="Also list speakers that were merged into others."
    )

    class Meta:
        model = Speaker
        fields = ["kind", "affiliation", "q", "include_merged"]

    def filter_affiliation(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        holders = Speaker.objects.filter(roles__organisation=value).values("pk")
        return queryset.filter(Q(pk__in=holders) | Q(organisation=value))

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(pk__in=speaker_search(value).values("pk")) if value.strip() else queryset

    def filter_merged(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_merged"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset


class ClaimFilterSet(filters.FilterSet):
    article = filters.NumberFilter(field_name="article_id")
    speaker = filters.NumberFilter(field_name="speaker_id")
    # A claim has one status, so OR-ing several never repeats a row: without `distinct=False` the filter
    # adds DISTINCT, and PostgreSQL renders every matching row's document before it can apply the LIMIT.
    status = filters.MultipleChoiceFilter(choices=ClaimStatus.choices, distinct=False)
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    claim_type = filters.ChoiceFilter(choices=ClaimType.choices)
    outlet = filters.NumberFilter(field_name="article__outlet_id")
    published_after = filters.DateFilter(
        field_name="article__published", lookup_expr="gte", help_text="Article published on or after."
    )
    published_before = filters.DateFilter(
        field_name="article__published", lookup_expr="lte", help_text="Article published on or before."
    )
    assignee = filters.NumberFilter(field_name="assignee_id")
    rating = filters.ChoiceFilter(choices=Rating.choices, method="filter_rating", help_text="Published verdict.")
    q = filters.CharFilter(method="filter_text", help_text="Full-text search in the claim's text.")
    # A choice, not a BooleanFilter: that one reads any unknown word as "no filter" instead of refusing it.
    orphaned = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_orphaned",
        help_text="true: only claims a new article version lost (to be re-attached); false: only anchored ones.",
    )

    class Meta:
        model = Claim
        fields = [
            "article",
            "speaker",
            "status",
            "kind",
            "claim_type",
            "outlet",
            "published_after",
            "published_before",
            "assignee",
            "rating",
            "q",
            "orphaned",
        ]

    def filter_orphaned(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(orphaned_at__isnull=value != "true")

    def filter_rating(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(claim_has_rating(value))

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(search_vector=text_query(value)) if value.strip() else queryset


class ClaimRelationFilterSet(filters.FilterSet):
    source = filters.NumberFilter(field_name="source_id")
    target = filters.NumberFilter(field_name="target_id")
    claim = filters.NumberFilter(method="filter_claim", help_text="Relations from or to this claim.")
    relation_type = filters.ChoiceFilter(choices=RelationType.choices)

    class Meta:
        model = ClaimRelation
        fields = ["source", "target", "claim", "relation_type"]

    def filter_claim(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(source_id=value) | Q(target_id=value))


class SourceFilterSet(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Source
        fields = ["source_type", "publisher", "q"]


class CitationFilterSet(filters.FilterSet):
    claim = filters.NumberFilter(field_name="claim_id")
    source = filters.NumberFilter(field_name="source_id")

    class Meta:
        model = Citation
        fields = ["claim", "source", "stance"]


class ReviewFilterSet(filters.FilterSet):
    claim = filters.NumberFilter(field_name="claim_id")
    author = filters.NumberFilter(field_name="author_id")
    status = filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Review
        fields = ["claim", "author", "status", "rating"]
