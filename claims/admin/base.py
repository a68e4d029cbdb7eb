"""What every admin whose writes go through services shares."""

from dataclasses import replace

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from claims.exceptions import ClaimtrackError

from .views import error_text

REFUSALS = (ClaimtrackError, ValidationError)


class ServiceModelAdmin(admin.ModelAdmin):
    """Saves and deletes go through services: their refusals become messages, bulk deletes go one by one."""

    # True where delete_model calls a delete service that decides itself what may go and what goes with it.
    deletes_through_service = False

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
