"""Routes of the REST API under /api/v1/, its OpenAPI schema and its documentation pages."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from claims.api import imports, schema, search, views  # noqa: F401  (schema registers the token scheme)

app_name = "api"


class OptionalSlashRouter(SimpleRouter):
    """Both `/claims/1/history` and `/claims/1/history/` work: integrations write either."""

    def __init__(self):
        super().__init__()
        self.trailing_slash = "/?"


router = OptionalSlashRouter()
# Claims first: their list is the most requested page, and every pattern tried before it costs a match.
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("relations", views.ClaimRelationViewSet, basename="relation")
router.register("sources", views.SourceViewSet, basename="source")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("webhooks", views.WebhookSubscriptionViewSet, basename="webhook")
router.register("tokens", views.APITokenViewSet, basename="token")

urlpatterns = [
    *router.urls,
    re_path(r"^claims/(?P<pk>[0-9]+)/notes/?$", views.ClaimNoteListView.as_view(), name="claim-notes"),
    path("queue/", views.QueueView.as_view(), name="queue"),
    re_path(r"^search/?$", search.SearchView.as_view(), name="search"),
    re_path(r"^autocomplete/speakers/?$", search.SpeakerAutocompleteView.as_view(), name="autocomplete-speakers"),
    re_path(r"^autocomplete/claims/?$", search.ClaimAutocompleteView.as_view(), name="autocomplete-claims"),
    re_path(r"^claimreviews/import/?$", imports.ClaimReviewImportView.as_view(), name="claimreview-import"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
