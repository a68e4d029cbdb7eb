"""OpenAPI description of what drf-spectacular cannot infer: the token scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>` or `Bearer <key>`; create keys with `manage.py create_api_token`.",
        }


DETAIL_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Messages per field (`non_field_errors` for the request as a whole), or `detail`.",
    "additionalProperties": {"oneOf": [{"type": "array"}, {"type": "object"}, {"type": "string"}]},
}
ERROR_RESPONSES = {
    "400": ("ValidationError", "Invalid input, with messages per field."),
    "401": ("DetailError", "No credentials, or invalid ones."),
    "403": ("DetailError", "Your role does not allow this."),
    "404": ("DetailError", "No such resource."),
    "429": ("DetailError", "Too many requests for this token; see Retry-After."),
}
WRITE_ERROR_RESPONSES = {
    "409": ("DetailError", "Conflicts with the current state (workflow state, duplicate, concurrent change)."),
    "413": ("DetailError", "The request body is larger than the limit."),
}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: document the error answers every operation can give, and their shape."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["DetailError"] = DETAIL_ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = dict(ERROR_RESPONSES)
            if method in ("post", "put", "patch", "delete"):
                errors.update(WRITE_ERROR_RESPONSES)
            for status, (name, description) in errors.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                    },
                )
    return result
