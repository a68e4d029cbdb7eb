"""Article versions in the admin: the versions inline, the diff page, orphans on the workbench and
re-attaching one, and a pasted near-duplicate refused with a link."""

import pytest

from claims.models import Claim
from claims.services.proposals import article_ingest

pytestmark = pytest.mark.django_db

URL = "https://valley.example/news/bridge"
V1 = (
    "Bridge repairs delayed again\n\n"
    "The county engineer, Petra Halloran, said: “The bridge will reopen to cars before the end of March.”\n\n"
    "A county spokesman said: “Every repair has been signed off by independent inspectors.”\n"
)
V2 = V1.replace("“Every repair has been signed off by independent inspectors.”", "that repairs were checked.")


@pytest.fixture
def updated_article():
    article_ingest(raw=V1, url=URL)
    return article_ingest(raw=V2, url=URL).article


def test_change_page_lists_versions_and_the_diff_marks_the_edit(client, staff_user, updated_article):
    client.force_login(staff_user)
    page = client.get(f"/admin/articles/article/{updated_article.pk}/change/").content.decode()
    assert "what changed" in page and "?from=1&amp;to=2" in page
    diff = client.get(f"/admin/articles/article/{updated_article.pk}/diff/?from=1&to=2").content.decode()
    assert "<del>“Every repair has been signed off by independent inspectors" in diff
    assert "<ins>that repairs were checked" in diff
    assert "Silent edit" in diff
    assert client.get(f"/admin/articles/article/{updated_article.pk}/diff/?from=1&to=9").status_code == 404


def test_workbench_lists_orphans_and_reattaches_one(client, staff_user, updated_article):
    client.force_login(staff_user)
    orphan = Claim.objects.get(article=updated_article, orphaned_at__isnull=False)
    page = client.get(f"/admin/articles/article/{updated_article.pk}/workbench/").content.decode()
    assert "1 orphaned claim" in page and f'data-orphan="{orphan.pk}"' in page
    assert f'data-claim="{orphan.pk}"' not in page  # not highlighted on text it no longer stands on
    start = updated_article.body.index("repairs were checked")
    response = client.post(
        f"/admin/articles/article/{updated_article.pk}/workbench/reattach/",
        {"claim": orphan.pk, "start": start, "end": start + 20},
    )
    assert response.status_code == 302
    orphan.refresh_from_db()
    assert orphan.orphaned_at is None and orphan.text == "repairs were checked"


def test_pasting_a_near_duplicate_is_refused_with_a_link(client, staff_user):
    original = article_ingest(raw=V1).article
    client.force_login(staff_user)
    nearly = V1.replace("end of March", "end of March at the latest")
    page = client.post("/admin/articles/article/add/", {"raw": nearly, "language": "en", "versions-TOTAL_FORMS": 0})
    assert page.status_code == 200
    assert f"/admin/articles/article/{original.pk}/change/" in page.content.decode()
    response = client.post("/admin/articles/article/add/", {"raw": nearly, "language": "en", "allow_duplicate": "on"})
    assert response.status_code == 302
