"""Article versions over HTTP: a changed text at a known URL, its versions and diff, orphans and re-attaching,
and text almost the same as a stored article refused with a link."""

import pytest

pytestmark = pytest.mark.django_db

URL = "https://valley.example/news/bridge"
V1 = (
    "Bridge repairs delayed again\n\n"
    "The county engineer, Petra Halloran, said: “The bridge will reopen to cars before the end of March.”\n\n"
    "A county spokesman said: “Every repair has been signed off by independent inspectors.”\n"
)
V2 = V1.replace("“Every repair has been signed off by independent inspectors.”", "that repairs were checked.")


def post(client, text, **fields):
    return client.post("/api/v1/articles/", {"text": text, **fields}, format="json")


def test_a_new_version_is_reported_with_its_versions_diff_and_orphans(api_client, annotator, viewer):
    api_client.force_authenticate(annotator)
    first = post(api_client, V1, url=URL)
    assert first.status_code == 201 and first.json()["import_status"] == "created"
    article_id = first.json()["id"]
    second = post(api_client, V2, url=URL + "?utm_source=newsletter")
    assert second.status_code == 200
    body = second.json()
    assert body["id"] == article_id and body["import_status"] == "updated"
    assert body["reanchor"]["silent_edit"] is True and len(body["reanchor"]["orphaned"]) == 1
    assert body["canonical_url"] == URL
    assert all("Every repair" not in claim["text"] for claim in body["claims"])

    api_client.force_authenticate(viewer)
    versions = api_client.get(f"/api/v1/articles/{article_id}/versions/").json()
    assert [v["number"] for v in versions] == [1, 2] and versions[1]["silent_edit"]
    diff = api_client.get(f"/api/v1/articles/{article_id}/diff/").json()
    assert (diff["from_version"], diff["to_version"]) == (1, 2)
    changes = [(op["op"], op["text"]) for op in diff["ops"] if op["op"] != "equal"]
    assert changes == [
        ("delete", "“Every repair has been signed off by independent inspectors.”"),
        ("insert", "that repairs were checked."),
    ]
    assert "-A county spokesman said: “Every repair" in diff["unified"]
    assert api_client.get(f"/api/v1/articles/{article_id}/diff/?from=1&to=7").status_code == 404
    assert api_client.get(f"/api/v1/articles/{article_id}/diff/?from=x").status_code == 400

    orphans = api_client.get(f"/api/v1/articles/{article_id}/orphans/").json()
    assert [o["text"] for o in orphans] == ["Every repair has been signed off by independent inspectors."]
    orphan_id = orphans[0]["id"]
    start = V2.index("repairs were checked") - len("Bridge repairs delayed again\n\n")
    refused = api_client.post(
        f"/api/v1/claims/{orphan_id}/reattach/", {"start": start, "end": start + 20}, format="json"
    )
    assert refused.status_code == 403

    api_client.force_authenticate(annotator)
    bad = api_client.post(f"/api/v1/claims/{orphan_id}/reattach/", {"start": 5}, format="json")
    assert bad.status_code == 400 and "end" in bad.json()
    done = api_client.post(f"/api/v1/claims/{orphan_id}/reattach/", {"start": start, "end": start + 20}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["text"] == "repairs were checked"
    assert api_client.get(f"/api/v1/articles/{article_id}/orphans/").json() == []


def test_near_duplicate_without_url_is_a_conflict_with_a_link(api_client, annotator):
    api_client.force_authenticate(annotator)
    original = post(api_client, V1).json()
    nearly = V1.replace("before the end of March", "before the end of March at the latest")
    refused = post(api_client, nearly)
    assert refused.status_code == 409
    assert refused.json()["duplicate_of"]["id"] == original["id"]
    assert refused.json()["duplicate_of"]["api_url"].endswith(f"/api/v1/articles/{original['id']}")
    assert "body" in refused.json()
    allowed = post(api_client, nearly, allow_duplicate=True)
    assert allowed.status_code == 201 and allowed.json()["id"] != original["id"]


def test_orphans_are_listed_and_filtered_in_the_claim_api(api_client, annotator, viewer):
    api_client.force_authenticate(annotator)
    article_id = post(api_client, V1, url=URL).json()["id"]
    post(api_client, V2, url=URL)
    api_client.force_authenticate(viewer)

    def listed(**query):
        response = api_client.get("/api/v1/claims/", {"article": article_id, **query})
        assert response.status_code == 200, response.content
        return {row["text"]: row["orphaned_at"] for row in response.json()["results"]}

    everything = listed()
    lost = "Every repair has been signed off by independent inspectors."
    assert everything[lost] is not None and everything[lost].endswith("Z")
    assert [text for text, at in everything.items() if at is None] == [
        "The bridge will reopen to cars before the end of March."
    ]
    assert list(listed(orphaned="true")) == [lost]
    assert lost not in listed(orphaned="false") and len(listed(orphaned="false")) == len(everything) - 1

    orphan_id = next(iter(api_client.get("/api/v1/claims/", {"orphaned": "true"}).json()["results"]))["id"]
    assert api_client.get(f"/api/v1/claims/{orphan_id}/").json()["orphaned_at"] == everything[lost]

    bad = api_client.get("/api/v1/claims/", {"orphaned": "maybe"})
    assert bad.status_code == 400 and "orphaned" in bad.json()
