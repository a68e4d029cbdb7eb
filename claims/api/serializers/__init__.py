"""Representations of the API resources, and the input each write accepts.

The read serializers of hot paths build their output by hand in `to_representation`, and the claim list
passes through the JSON the database writes for each row (`selectors.claim_rows`): the declared fields
still define the OpenAPI schema (the schemathesis test holds the two together, and a test in
tests/api/test_claims.py holds the database's JSON to this serializer), but a page of 50 nested claims
renders many times faster than through DRF's field machinery.
"""

from claims.api.serializers.articles import *  # noqa: F403
from claims.api.serializers.claims import *  # noqa: F403
from claims.api.serializers.links import *  # noqa: F403
from claims.api.serializers.notes import *  # noqa: F403
from claims.api.serializers.reviews import *  # noqa: F403
from claims.api.serializers.speakers import *  # noqa: F403
from claims.api.serializers.tokens import *  # noqa: F403
from claims.api.serializers.webhooks import *  # noqa: F403
