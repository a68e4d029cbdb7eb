"""What every admin whose writes go through services shares."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from claims.exceptions import ClaimtrackError

from .views import error_text


class ServiceModelAdmin(admin.ModelAdmin):
    """Saves and deletes go through services: their refusals become messages, bulk deletes go one by one."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ClaimtrackError, ValidationError) as error:
            messages.error(request, error_text(error))
            return HttpResponseRedirect(request.get_full_path())

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
