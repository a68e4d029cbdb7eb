"""Public pages under /fact-checks/ (the sitemap is served at the site root)."""

from django.urls import path

from claims.public import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.factcheck_index, name="index"),
    path("feed/", views.public_collection(feeds.LatestFactChecksFeed()), name="feed"),
    path("<int:claim_id>/", views.factcheck_detail, name="factcheck"),
    path("speakers/<int:speaker_id>/", views.speaker_detail, name="speaker"),
]
