"""Filter backend that skips building the filter form when a request sends none of its parameters."""

from django_filters.rest_framework import DjangoFilterBackend


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend, minus the form validation on unfiltered requests (most list reads)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        unfiltered = not set(request.query_params).intersection(filterset_class.base_filters)
        if unfiltered and not getattr(filterset_class, "always_apply", False):
            return queryset
        return super().filter_queryset(request, queryset, view)
