"""The reviewers' workbench: admin for every claims model, the article workbench and the dashboard."""

from django.contrib import admin

from claims.admin import articles, claims, notes, reviews, sources, speakers, tokens

# The index leads with the reviewer's queue and the dashboard.
admin.site.index_template = "admin/claims_index.html"
admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"

__all__ = ["articles", "claims", "notes", "reviews", "sources", "speakers", "tokens"]
