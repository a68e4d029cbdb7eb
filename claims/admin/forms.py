"""Forms of the workbench: creating a claim from a selection, linking, citing, and transition input."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from claims import permissions
from claims.choices import ClaimKind, ClaimType, Rating, RelationType, SourceType, SpeakerKind, Stance
from claims.models import Citation, Claim, ClaimRelation, Source, Speaker


def _autocomplete(model, field_name: str) -> AutocompleteSelect:
    """The admin's select2 autocomplete for `model.field_name`, searching the related model's admin."""
    return AutocompleteSelect(model._meta.get_field(field_name), admin.site, attrs={"class": "full-width"})


class ManyOptionsSelect(forms.Select):
    """A plain <select> whose options are written in Python: rendering a template per option took most of a
    long article's workbench when it listed every claim."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>{escape(label)}</option>'
            for key, label in self.choices
        )
        return mark_safe(f"<select{flatatt({**self.build_attrs(self.attrs, attrs), 'name': name})}>{options}</select>")


def reviewers() -> QuerySet:
    """Users a claim can be assigned to: reviewers, editors and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=(permissions.REVIEWER, permissions.EDITOR)))
        .distinct()
        .order_by("username")
    )


class ClaimCreateForm(forms.Form):
    """A new claim over a selected span of the article body, with an existing or a new speaker."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.filter(merged_into__isnull=True),
        required=False,
        widget=_autocomplete(Claim, "speaker"),
    )
    new_speaker_name = forms.CharField(
        required=False, max_length=300, label="or a new speaker", help_text="Created when no speaker is chosen."
    )
    new_speaker_kind = forms.ChoiceField(choices=SpeakerKind.choices, initial=SpeakerKind.PERSON, label="kind")
    kind = forms.ChoiceField(choices=ClaimKind.choices, initial=ClaimKind.CLAIM)
    claim_type = forms.ChoiceField(choices=ClaimType.choices, initial=ClaimType.OTHER, label="type")
    direct = forms.BooleanField(required=False, initial=True, label="direct quotation")

    def clean(self):
        data = super().clean()
        if data.get("speaker") and data.get("new_speaker_name", "").strip():
            raise forms.ValidationError("Choose a speaker or name a new one, not both.")
        if "start" in data and "end" in data and data["start"] >= data["end"]:
            raise forms.ValidationError("Select some text first.")
        return data


class ClaimEditForm(forms.Form):
    """Any of a claim's speaker (existing or new), kind, type and span; fields left empty stay as they are."""

    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.filter(merged_into__isnull=True),
        required=False,
        label="new speaker",
        widget=_autocomplete(Claim, "speaker"),
    )
    new_speaker_name = forms.CharField(required=False, max_length=300, label="or a speaker not yet known")
    new_speaker_kind = forms.ChoiceField(
        choices=SpeakerKind.choices, initial=SpeakerKind.PERSON, required=False, label="kind"
    )
    kind = forms.ChoiceField(choices=ClaimKind.choices, required=False)
    claim_type = forms.ChoiceField(choices=ClaimType.choices, required=False, label="type")
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_edit_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("speaker") and (data.get("new_speaker_name") or "").strip():
            raise forms.ValidationError({"speaker": ["Choose a speaker or name a new one, not both."]})
        if (data.get("start") is None) != (data.get("end") is None):
            raise forms.ValidationError({"end": ["Give both ends of the span."]})
        return data

    def changes(self) -> dict:
        """The claim fields this (valid) form changes; a new speaker is created by the caller."""
        data = self.cleaned_data
        changes = {field: data[field] for field in ("kind", "claim_type") if data.get(field)}
        if data.get("start") is not None:
            changes["start"], changes["end"] = data["start"], data["end"]
        if data.get("speaker") is not None:
            changes["speaker"] = data["speaker"]
        return changes


class RelationRetypeForm(forms.Form):
    """A link's new type."""

    relation_type = forms.ChoiceField(choices=RelationType.choices)


class LinkForm(forms.Form):
    """`claim` <relation_type> `target`: a target in this article, or any claim found by search."""

    claim = forms.ModelChoiceField(queryset=Claim.objects.all(), widget=forms.HiddenInput)
    relation_type = forms.ChoiceField(choices=RelationType.choices, initial=RelationType.REBUTS)
    target = forms.ModelChoiceField(
        queryset=Claim.objects.none(), required=False, label="answers / links to", widget=ManyOptionsSelect
    )
    other_target = forms.ModelChoiceField(
        queryset=Claim.objects.all(),
        required=False,
        label="or a claim in another article",
        widget=_autocomplete(ClaimRelation, "target"),
    )
    note = forms.CharField(required=False, widget=forms.TextInput)

    def __init__(self, *args, article=None, article_claims=None, **kwargs):
        super().__init__(*args, **kwargs)
        if article is not None:
            self.fields["claim"].queryset = Claim.objects.filter(article=article)
            self.fields["target"].queryset = Claim.objects.filter(article=article)
        if article_claims is not None:
            # Build the choices from claims already loaded, so rendering costs no query.
            self.fields["target"].choices = [("", "---------")] + [
                (c.pk, f"#{c.pk} {c.speaker.name if c.speaker_id else '?'}: {c.text[:60]}") for c in article_claims
            ]

    def clean(self):
        data = super().clean()
        target = data.get("target") or data.get("other_target")
        if target is None:
            raise forms.ValidationError("Choose the claim this one answers or links to.")
        data["resolved_target"] = target
        return data


class CiteForm(forms.Form):
    """Cite an existing source, or a new one described here, for a claim."""

    claim = forms.ModelChoiceField(queryset=Claim.objects.all(), widget=forms.HiddenInput)
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, widget=_autocomplete(Citation, "source")
    )
    new_source_title = forms.CharField(required=False, max_length=500, label="or a new source titled")
    new_source_url = forms.URLField(required=False, max_length=1000, label="its URL")
    new_source_type = forms.ChoiceField(choices=SourceType.choices, initial=SourceType.DOCUMENT, label="its type")
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.CONTEXT)
    excerpt = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        if article is not None:
            self.fields["claim"].queryset = Claim.objects.filter(article=article)

    def clean(self):
        data = super().clean()
        if not data.get("source") and not data.get("new_source_title", "").strip():
            raise forms.ValidationError("Choose a source or give the title of a new one.")
        return data


class RejectForm(forms.Form):
    """Why a proposal is not a claim."""

    reason = forms.CharField(required=False, max_length=500)


class AssignForm(forms.Form):
    """Who reviews the claim."""

    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()


class ReviewForm(forms.Form):
    """A verdict: rating, one-line summary, reasoning."""

    rating = forms.ChoiceField(choices=Rating.choices)
    summary = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}))
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(forms.Form):
    """A message in the claim's discussion thread."""

    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class MergeSpeakersForm(forms.Form):
    """Which of two speakers survives a merge."""

    survivor = forms.ModelChoiceField(queryset=Speaker.objects.none(), widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = speakers


class ReattachForm(forms.Form):
    """An orphaned claim and the span of the current text it belongs to (filled from the selection)."""

    claim = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
