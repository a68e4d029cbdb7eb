"""What every admin whose writes go through services shares."""

from dataclasses import replace
from functools import cache

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from claims.exceptions import ClaimtrackError

from .views import error_text

REFUSALS = (ClaimtrackError, ValidationError)
_PK = 2**62  # a stand-in id, replaced in a URL reversed once per page


@cache
def boolean_icon(value: bool | None) -> SafeString:
    """The admin's yes/no icon for a boolean column, as `boolean=True` writes it, looked up once: the static
    files storage resolved the same two names for every row."""
    name = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), value)


_patterns: dict[tuple[str, str], str] = {}


def url_with_pk(name: str, pk) -> str:
    """`reverse(name, args=[pk])` for a URL with one id in it, reversed once per URL name (and script prefix)
    and filled in for each row of a page."""
    key = (name, get_script_prefix())
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse(name, args=[_PK])
    return pattern.replace(str(_PK), str(pk), 1)


class FastChangeList(ChangeList):
    """The changelist with each row's link written from one reversed URL, not a `reverse` per row."""

    def url_for_result(self, result):
        pattern = getattr(self, "_change_url_pattern", None)
        if pattern is None:
            pattern = self._change_url_pattern = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(_PK,),
                current_app=self.model_admin.admin_site.name,
            )
        return pattern.replace(str(_PK), str(quote(getattr(result, self.pk_attname))), 1)


class ServiceModelAdmin(admin.ModelAdmin):
    """Saves and deletes go through services: their refusals become messages, bulk deletes go one by one."""

    # True where delete_model calls a delete service that decides itself what may go and what goes with it.
    deletes_through_service = False

    def get_changelist(self, request, **kwargs):
        return FastChangeList

    def action_checkbox(self, obj):
        # The row's checkbox as Django's CheckboxInput writes it; rendering that widget's template for every
        # row took a third of a changelist page.
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except REFUSALS as error:
            messages.error(request, error_text(error))
            return HttpResponseRedirect(request.get_full_path())

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if self.deletes_through_service:
            # The service decides what may go (a cited source, a claim with verdicts) and says why not.
            # Django's own refusals would pre-empt it with a list and no reason: "protected" rows, and rows
            # of models whose admin never deletes (verdicts), which the service refuses to cascade to anyway.
            # Deleting the object itself still needs the model's delete permission.
            return to_delete, model_count, set(), []
        return to_delete, model_count, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except REFUSALS as error:
            messages.error(request, error_text(error))
            opts = self.opts
            change_url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(object_id)],
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(change_url)

    @staticmethod
    def changed_values(form, fields) -> dict:
        """The values of `fields` that the form changed: what an update service is handed."""
        return {field: form.cleaned_data[field] for field in form.changed_data if field in fields}

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            actions["delete_selected"] = replace(
                actions["delete_selected"], func=ServiceModelAdmin.delete_selected_one_by_one
            )
        return actions

    def delete_selected_one_by_one(self, request, queryset):
        """Django's "delete selected" with its confirmation page, but each row through the delete service,
        reporting what was deleted and, for the rest, why not."""
        _, _, perms_needed, protected = self.get_deleted_objects(queryset, request)
        if not request.POST.get("post") or perms_needed or protected:
            # The confirmation page, or Django's refusal when it is the one that decides.
            return django_delete_selected(self, request, queryset)
        deleted, refused = [], {}
        for obj in queryset.order_by("pk"):
            pk = obj.pk
            try:
                self.delete_model(request, obj)
            except REFUSALS as error:
                refused.setdefault(error_text(error), []).append(pk)
            else:
                obj.pk = pk  # delete() clears it; the log entry needs it
                deleted.append(obj)
        if deleted:
            self.log_deletions(request, deleted)
            noun = self.opts.verbose_name if len(deleted) == 1 else self.opts.verbose_name_plural
            messages.success(request, f"Deleted {len(deleted)} {noun}.")
        for reason, ids in refused.items():
            listed = ", ".join(f"#{pk}" for pk in ids[:20]) + ("…" if len(ids) > 20 else "")
            messages.error(request, f"Not deleted ({listed}): {reason}")
        return None
