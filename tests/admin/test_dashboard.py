"""The dashboard: claims by status, outlet and speaker over time, and the response rate."""

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus
from tests.factories import ClaimFactory, ClaimRelationFactory, OutletFactory

pytestmark = pytest.mark.django_db


def test_dashboard_renders_figures_and_svg_charts(client, staff_reviewer):
    outlet = OutletFactory(name="Daily <Example>")
    ClaimRelationFactory(target__article__outlet=outlet)  # one answered claim (and its response)
    ClaimFactory(article__outlet=outlet, status=ClaimStatus.ACCEPTED)  # one unanswered claim
    ClaimFactory(status=ClaimStatus.REJECTED)  # rejected claims are not expected to be answered
    client.force_login(staff_reviewer)

    response = client.get(reverse("admin:claims_dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 3
    assert "Daily &lt;Example&gt;" in html and "Daily <Example>" not in html
    assert "50%" in html  # 1 of the 2 live claims of kind "claim" is answered
    stats = response.context["stats"]
    assert stats.total == 4
    assert stats.by_status[ClaimStatus.PROPOSED] == 2
    assert stats.by_outlet[0] == (
        "Daily <Example>",
        {**dict.fromkeys(ClaimStatus.values, 0), "proposed": 2, "accepted": 1},
    )


def test_dashboard_is_linked_from_the_index(client, staff_viewer):
    client.force_login(staff_viewer)

    html = client.get(reverse("admin:index")).content.decode()

    assert reverse("admin:claims_dashboard") in html


def test_dashboard_needs_a_signed_in_staff_member(client):
    response = client.get(reverse("admin:claims_dashboard"))

    assert response.status_code == 302 and "/login/" in response["Location"]
