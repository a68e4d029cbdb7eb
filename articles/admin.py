"""Admin for outlets and articles; the claims app extends the article admin with its workbench."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count

from articles.models import Article, Outlet
from articles.services import article_import, article_text_check


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles: imported through `article_import`; the body is fixed once claims anchor to it."""

    list_display = ["headline", "outlet", "published", "language", "created_at"]
    list_select_related = ["outlet"]
    list_filter = ["outlet", "language", "published"]
    search_fields = ["headline", "byline", "url"]
    date_hierarchy = "published"
    autocomplete_fields = ["outlet"]
    readonly_fields = ["body", "raw_text", "source_name", "content_hash", "created_at", "updated_at"]
    fields = ["headline", "outlet", "byline", "url", "published", "language", *readonly_fields]

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
        if not result.created:
            messages.info(request, "This text was imported before; showing the existing article.")
