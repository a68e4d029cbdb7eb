"""Admin for outlets and articles; the claims app extends the article admin with its workbench."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.cleaning import clean_article
from articles.identity import canonical_url
from articles.models import Article, ArticleVersion, Outlet
from articles.services import ImportStatus, article_find_near_duplicate, article_import, article_text_check
from articles.versions import unified_diff, word_diff


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    """Publishers, with how many articles of each are loaded."""

    list_display = ["name", "domain", "article_count", "created_at"]
    search_fields = ["name", "domain"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles")).order_by("name")

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj: Outlet) -> int:
        return obj.article_count


class ArticleImportForm(forms.ModelForm):
    """Adding an article means importing its raw text: it is cleaned and deduplicated like any import."""

    raw = forms.CharField(widget=forms.Textarea(attrs={"rows": 20, "cols": 100}), label="Text")
    outlet_name = forms.CharField(required=False, label="Outlet", help_text="Created if it does not exist.")
    allow_duplicate = forms.BooleanField(
        required=False,
        label="Store even if it is almost the same as a stored article",
        help_text="Text without a URL that is nearly a stored article is refused unless this is ticked.",
    )

    class Meta:
        model = Article
        fields = ["headline", "byline", "url", "published", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["headline"].required = False
        self.fields["headline"].help_text = "Taken from the first line of the text when left empty."

    def clean_raw(self) -> str:
        raw = self.cleaned_data["raw"]
        try:
            article_text_check(raw=raw)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return raw

    def clean(self):
        data = super().clean()
        raw = data.get("raw")
        if raw and not canonical_url(data.get("url") or "") and not data.get("allow_duplicate"):
            duplicate = article_find_near_duplicate(body=clean_article(raw).body)
            if duplicate is not None:
                original, similarity = duplicate
                link = reverse("admin:articles_article_change", args=[original.pk])
                raise ValidationError(
                    format_html(
                        'Almost the same text as <a href="{}">article #{} “{}”</a> (similarity {}). Add its URL '
                        "to record a new version of it, or tick the box to store a duplicate.",
                        link,
                        original.pk,
                        original.headline,
                        f"{similarity:.2f}",
                    )
                )
        return data


class ArticleVersionInline(admin.TabularInline):
    """The texts seen at the article, with a link to what changed in each."""

    model = ArticleVersion
    extra = 0
    can_delete = False
    fields = ["number", "first_seen_at", "last_seen_at", "silent_edit", "correction_note", "source_name", "changes"]
    readonly_fields = fields
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "raw_text")

    @admin.display(description="changes")
    def changes(self, version: ArticleVersion):
        if version.number == 1:
            return "first text"
        url = reverse("admin:articles_article_diff", args=[version.article_id])
        return format_html('<a href="{}?from={}&amp;to={}">what changed</a>', url, version.number - 1, version.number)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles: imported through `article_import`; the body is fixed once claims anchor to it."""

    list_display = ["headline", "outlet", "published", "language", "created_at"]
    list_select_related = ["outlet"]
    list_filter = ["outlet", "language", "published"]
    search_fields = ["headline", "byline", "url"]
    date_hierarchy = "published"
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "canonical_url",
        "body",
        "raw_text",
        "source_name",
        "content_hash",
        "text_hash",
        "created_at",
        "updated_at",
    ]
    fields = ["headline", "outlet", "byline", "url", "published", "language", *readonly_fields]
    inlines = [ArticleVersionInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/diff/", wrap(self.diff_view), name="articles_article_diff"),
            *super().get_urls(),
        ]

    def diff_view(self, request, object_id):
        """Two versions of the article side by side in one text: removed words struck, added ones marked."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        if not str(object_id).isdigit():
            raise Http404
        article = get_object_or_404(Article.objects.only("id", "headline"), pk=int(object_id))
        versions = {v.number: v for v in ArticleVersion.objects.filter(article=article)}
        if not versions:
            raise Http404
        try:
            new = int(request.GET.get("to") or max(versions))
            old = int(request.GET.get("from") or max(new - 1, 1))
        except ValueError:
            raise Http404 from None
        if old not in versions or new not in versions:
            raise Http404
        before, after = versions[old], versions[new]
        context = {
            **self.admin_site.each_context(request),
            "title": f"{article.headline}: version {old} → {new}",
            "opts": self.model._meta,
            "article": article,
            "before": before,
            "after": after,
            "ops": word_diff(before.body, after.body),
            "unified": unified_diff(before.body, after.body, old_label=f"version {old}", new_label=f"version {new}"),
            "numbers": sorted(versions),
        }
        return TemplateResponse(request, "admin/articles/article/diff.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleImportForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["raw", "headline", "outlet_name", "byline", "url", "published", "language"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def import_article(self, request, **fields):
        """Store a pasted article; apps that build on articles (claims) extend this to do more."""
        return article_import(**fields)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        result = self.import_article(
            request,
            raw=data["raw"],
            allow_duplicate=True,  # the form has checked for near-duplicates and asked
            headline=data.get("headline") or "",
            url=data.get("url") or "",
            outlet_name=data.get("outlet_name") or "",
            published=data.get("published"),
            byline=data.get("byline") or "",
            language=data.get("language") or "en",
            source_name="admin",
        )
        # The admin's add view reads the pk and headline of `obj` for its redirect, message and log entry.
        obj.pk, obj.headline = result.article.pk, result.article.headline
        if result.status == ImportStatus.UNCHANGED:
            messages.info(request, "This text was imported before; showing the existing article.")
        elif result.status == ImportStatus.UPDATED:
            silent = " It has no correction note: flagged as a silent edit." if result.version.silent_edit else ""
            messages.warning(
                request, f"The article at this URL changed: recorded as version {result.version.number}.{silent}"
            )
