"""Routes of the REST API under /api/v1/, its OpenAPI schema and its documentation pages."""

from django.conf import settings
from django.urls import path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from claims.api import imports, matching, schema, search, views  # noqa: F401  (schema registers the token scheme)
from claims.api.errors import NotFoundView

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

# Redoc's styled-components add <style> elements at run time that no nonce reaches: its page alone allows
# inline styles (a nonce would make browsers ignore 'unsafe-inline'); scripts stay as strict as elsewhere.
redoc = csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
    SpectacularRedocView.as_view(url_name="api:schema")
)

urlpatterns = [
    *router.urls,
    re_path(r"^claims/(?P<pk>[0-9]+)/notes/?$", views.ClaimNoteListView.as_view(), name="claim-notes"),
    re_path(r"^claims/(?P<pk>[0-9]+)/matches/?$", matching.ClaimMatchListView.as_view(), name="claim-matches"),
    re_path(
        r"^claims/(?P<pk>[0-9]+)/matches/(?P<other>[0-9]+)/confirm/?$",
        matching.ClaimMatchDecisionView.as_view(decision="confirm"),
        name="claim-match-confirm",
    ),
    re_path(
        r"^claims/(?P<pk>[0-9]+)/matches/(?P<other>[0-9]+)/dismiss/?$",
        matching.ClaimMatchDecisionView.as_view(decision="dismiss"),
        name="claim-match-dismiss",
    ),
    re_path(
        r"^claims/(?P<pk>[0-9]+)/counter-targets/?$",
        matching.CounterTargetListView.as_view(),
        name="claim-counter-targets",
    ),
    path("queue/", views.QueueView.as_view(), name="queue"),
    re_path(r"^search/?$", search.SearchView.as_view(), name="search"),
    re_path(r"^autocomplete/speakers/?$", search.SpeakerAutocompleteView.as_view(), name="autocomplete-speakers"),
    re_path(r"^autocomplete/claims/?$", search.ClaimAutocompleteView.as_view(), name="autocomplete-claims"),
    re_path(r"^claimreviews/import/?$", imports.ClaimReviewImportView.as_view(), name="claimreview-import"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", redoc, name="redoc"),
    # Last: anything else under the API is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", NotFoundView.as_view(), name="not-found"),
]
