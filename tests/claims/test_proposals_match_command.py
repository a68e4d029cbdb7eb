"""What `extract --format json` prints and what ingesting stores carry the same speakers and confidences."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.services.proposals import article_ingest
from tests.extraction.helpers import ARTICLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["city_hall_us.txt", "health_waiting_times.txt", "shared_surname.txt"])
def test_stored_proposals_match_the_command_output(name):
    path = ARTICLES / name
    out = StringIO()
    call_command("extract", str(path), "--format", "json", stdout=out)
    [printed] = json.loads(out.getvalue())
    result = article_ingest(raw=path.read_text(encoding="utf-8"))
    stored = sorted(
        (claim.text, claim.speaker.name if claim.speaker else None, float(claim.confidence))
        for claim in result.article.claims.select_related("speaker")
    )
    expected = sorted((s["text"], s["speaker"], s["confidence"]) for s in printed["statements"])
    assert stored == expected
