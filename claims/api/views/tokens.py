"""API tokens: issued to the signed-in user only; editors may revoke anyone's."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from claims import permissions as rules
from claims.api import serializers as s
from claims.api.views.base import PKLookupMixin
from claims.models.tokens import APIToken
from claims.services import tokens


class APITokenViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in user's API tokens: create one (its key is shown once), list, revoke.

    A token is only ever issued to the user who asks for it. Editors may also revoke anyone's token
    (someone left, a key leaked), which never reveals more than the token's prefix and name.
    """

    queryset = APIToken.objects.all()
    serializer_class = s.APITokenSerializer
    filter_backends = []
    role_rules = {"create": rules.VIEW, "destroy": rules.VIEW}
    # Tokens are everyone's own business: no model permission beyond being signed in with a role.
    check_model_permissions = False

    def get_queryset(self):
        if self.action == "destroy" and rules.can(self.request.user, rules.REVOKE_TOKENS):
            return APIToken.objects.all()
        return APIToken.objects.filter(user=self.request.user)

    @extend_schema(request=s.APITokenCreateSerializer, responses={201: s.APITokenCreatedSerializer})
    def create(self, request):
        serializer = s.APITokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = tokens.token_create(user=request.user, name=serializer.validated_data["name"])
        created.token.key = created.key
        return Response(s.APITokenCreatedSerializer(created.token).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Revoke your token, or (editors) anyone's; it stays listed with revoked_at set")
    def destroy(self, request, pk=None):
        tokens.token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
