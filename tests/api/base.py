"""One base class per endpoint, NetBox style: declare the endpoint in a few lines, inherit the tests.

A subclass of EndpointTest sets `basename` (the router name), `make` (builds one object) and `read_role`;
it mixes in CreateTests / UpdateTests / ReplaceTests / DeleteTests for the writes the endpoint takes, with
`create_data` / `update_data` / `replace_data`, the role allowed (`write_role`) and one that is not
(`denied_role`). An endpoint with `needs_if_match` also gets the 428 (no If-Match) and 412 (stale ETag)
cases for each of its writes.
"""

from functools import partial
from typing import ClassVar

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory


def list_url(basename: str) -> str:
    return reverse(f"api:{basename}-list")


def detail_url(basename: str, pk: int) -> str:
    return reverse(f"api:{basename}-detail", args=[pk])


def results(response) -> list:
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


@pytest.mark.django_db
class EndpointTest:
    basename: ClassVar[str]
    read_role: ClassVar[str] = "viewer"
    write_role: ClassVar[str] = "annotator"
    denied_role: ClassVar[str] = "viewer"
    delete_role: ClassVar[str | None] = None  # when deleting needs more than `write_role`
    update_method: ClassVar[str] = "patch"
    needs_if_match: ClassVar[bool] = False

    def make(self, request):
        raise NotImplementedError

    def deleter(self) -> str:
        return self.delete_role or self.write_role

    def make_deletable(self, request):
        """An object DELETE may remove (by default the same as `make`)."""
        return self.make(request)

    def create_data(self, request) -> dict:
        raise NotImplementedError

    def update_data(self, request, obj) -> dict:
        raise NotImplementedError

    def as_role(self, api_client, request, role: str):
        api_client.force_authenticate(request.getfixturevalue(role))
        return api_client

    def write_headers(self, client, obj) -> dict:
        if not self.needs_if_match:
            return {}
        etag = client.get(detail_url(self.basename, obj.pk)).headers["ETag"]
        return {"HTTP_IF_MATCH": etag}

    def touch(self, obj) -> None:
        """Change the row behind the client's back (as another user's write would)."""
        type(obj).objects.filter(pk=obj.pk).update(updated_at=timezone.now())

    def snapshot(self, obj) -> dict:
        return type(obj).objects.filter(pk=obj.pk).values().first()

    def assert_precondition_checks(self, client, obj, send) -> None:
        """`send(headers)` makes one write: without If-Match it is 428, with a stale ETag 412, nothing changed."""
        before = self.snapshot(obj)
        assert send({}).status_code == 428
        assert self.snapshot(obj) == before
        stale = self.write_headers(client, obj)
        self.touch(obj)
        before = self.snapshot(obj)
        assert send(stale).status_code == 412
        assert self.snapshot(obj) == before

    # --- reads ------------------------------------------------------------------------------------

    def test_anonymous_gets_401(self, api_client, request):
        obj = self.make(request)
        for url in (list_url(self.basename), detail_url(self.basename, obj.pk)):
            response = api_client.get(url)
            assert response.status_code == 401, url
            assert response.headers["WWW-Authenticate"].startswith("Token")

    def test_user_without_role_gets_403(self, api_client, request):
        self.make(request)
        api_client.force_authenticate(UserFactory(username="nobody"))
        assert api_client.get(list_url(self.basename)).status_code == 403

    def test_list(self, api_client, request):
        obj = self.make(request)
        response = self.as_role(api_client, request, self.read_role).get(list_url(self.basename))
        assert response.status_code == 200, response.content
        assert obj.pk in [row["id"] for row in results(response)]

    def test_retrieve(self, api_client, request):
        obj = self.make(request)
        response = self.as_role(api_client, request, self.read_role).get(detail_url(self.basename, obj.pk))
        assert response.status_code == 200, response.content
        assert response.json()["id"] == obj.pk

    def test_unknown_id_is_404(self, api_client, request):
        client = self.as_role(api_client, request, self.read_role)
        assert client.get(detail_url(self.basename, 987654321)).status_code == 404
        assert client.get(detail_url(self.basename, 10**30)).status_code == 404

    def test_list_query_count_is_constant(self, api_client, request):
        client = self.as_role(api_client, request, self.read_role)
        url = list_url(self.basename) + "?page_size=100"
        counts = []
        for rows in (3, 30):
            while len(results(client.get(url))) < rows:
                self.make(request)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            assert len(results(response)) == rows
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


class CreateTests:
    """Mixed into an EndpointTest whose endpoint accepts POST."""

    def test_create(self, api_client, request):
        data = self.create_data(request)
        client = self.as_role(api_client, request, self.write_role)
        response = client.post(list_url(self.basename), data, format="json")
        assert response.status_code == 201, response.content
        assert client.get(detail_url(self.basename, response.json()["id"])).status_code == 200

    def test_create_with_wrong_role_is_403(self, api_client, request):
        data = self.create_data(request)
        client = self.as_role(api_client, request, self.denied_role)
        assert client.post(list_url(self.basename), data, format="json").status_code == 403

    def test_create_with_invalid_input_is_400(self, api_client, request):
        client = self.as_role(api_client, request, self.write_role)
        response = client.post(list_url(self.basename), {"id": "x", "unknown": [1, 2]}, format="json")
        assert response.status_code == 400, response.content
        assert isinstance(response.json(), dict)


class UpdateTests:
    """Mixed into an EndpointTest whose endpoint accepts PATCH (or PUT)."""

    def test_update(self, api_client, request):
        obj = self.make(request)
        client = self.as_role(api_client, request, self.write_role)
        data = self.update_data(request, obj)
        url = detail_url(self.basename, obj.pk)
        response = getattr(client, self.update_method)(url, data, format="json", **self.write_headers(client, obj))
        assert response.status_code == 200, response.content
        for field, value in data.items():
            assert response.json()[field] == value

    def test_update_with_wrong_role_is_403(self, api_client, request):
        obj = self.make(request)
        client = self.as_role(api_client, request, self.denied_role)
        url = detail_url(self.basename, obj.pk)
        response = getattr(client, self.update_method)(
            url, self.update_data(request, obj), format="json", **self.write_headers(client, obj)
        )
        assert response.status_code == 403


class ReplaceTests:
    """Mixed into an EndpointTest whose endpoint accepts PUT of the whole editable state."""

    def replace_data(self, request, obj) -> dict:
        raise NotImplementedError

    def test_replace(self, api_client, request):
        obj = self.make(request)
        client = self.as_role(api_client, request, self.write_role)
        data = self.replace_data(request, obj)
        url = detail_url(self.basename, obj.pk)
        response = client.put(url, data, format="json", **self.write_headers(client, obj))
        assert response.status_code == 200, response.content
        body = response.json()
        for field, value in data.items():
            assert body[field] == value or (isinstance(body[field], dict) and body[field]["id"] == value), field

    def test_replace_needs_every_field(self, api_client, request):
        obj = self.make(request)
        client = self.as_role(api_client, request, self.write_role)
        data = self.replace_data(request, obj)
        missing = sorted(data)[0]
        del data[missing]
        response = client.put(detail_url(self.basename, obj.pk), data, format="json", **self.write_headers(client, obj))
        assert response.status_code == 400, response.content
        assert missing in response.json()

    def test_replace_with_wrong_role_is_403(self, api_client, request):
        obj = self.make(request)
        client = self.as_role(api_client, request, self.denied_role)
        url = detail_url(self.basename, obj.pk)
        response = client.put(url, self.replace_data(request, obj), format="json", **self.write_headers(client, obj))
        assert response.status_code == 403


class DeleteTests:
    """Mixed into an EndpointTest whose endpoint accepts DELETE."""

    def assert_deleted(self, client, url, response) -> None:
        assert response.status_code == 204, response.content
        assert client.get(url).status_code == 404

    def test_delete(self, api_client, request):
        obj = self.make_deletable(request)
        client = self.as_role(api_client, request, self.deleter())
        url = detail_url(self.basename, obj.pk)
        self.assert_deleted(client, url, client.delete(url, **self.write_headers(client, obj)))

    def test_delete_with_wrong_role_is_403(self, api_client, request):
        obj = self.make_deletable(request)
        client = self.as_role(api_client, request, self.denied_role)
        url = detail_url(self.basename, obj.pk)
        assert client.delete(url, **self.write_headers(client, obj)).status_code == 403
        assert self.snapshot(obj) is not None


class PreconditionTests:
    """Mixed into an EndpointTest whose writes need If-Match: each one is 428 without it, 412 with a stale
    ETag, and changes nothing either way."""

    needs_if_match = True

    def conditional_writes(self, request) -> list:
        """(object, role, method, data) for each write the endpoint takes."""
        writes = []
        if isinstance(self, UpdateTests):
            obj = self.make(request)
            writes.append((obj, self.write_role, self.update_method, self.update_data(request, obj)))
        if isinstance(self, ReplaceTests):
            obj = self.make(request)
            writes.append((obj, self.write_role, "put", self.replace_data(request, obj)))
        if isinstance(self, DeleteTests):
            writes.append((self.make_deletable(request), self.deleter(), "delete", None))
        return writes

    def test_writes_need_a_current_if_match(self, api_client, request):
        writes = self.conditional_writes(request)
        assert writes, "declare the endpoint's writes (UpdateTests, ReplaceTests, DeleteTests)"
        for obj, role, method, data in writes:
            client = self.as_role(api_client, request, role)
            send = partial(getattr(client, method), detail_url(self.basename, obj.pk), data, format="json")
            self.assert_precondition_checks(client, obj, lambda headers, send=send: send(**headers))
