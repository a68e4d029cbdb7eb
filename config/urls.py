from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from claims.public.sitemaps import SITEMAPS
from claims.public.views import public_collection
from config.health import healthz


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponseRedirect(static("claims/favicon.ico"))


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="public:index", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),
    path("fact-checks/", include("claims.public.urls")),
    # An index of per-section sitemaps, each paged (?p=) past 10,000 entries, as the protocol allows.
    path(
        "sitemap.xml",
        public_collection(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_collection(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
