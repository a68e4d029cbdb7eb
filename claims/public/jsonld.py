"""JSON-LD embedded in a page as a data block, escaped like Django's json_script."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The characters that could close the element or open markup inside it (`</script>`, `<!--`).
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(document: dict) -> SafeString:
    """A `<script type="application/ld+json">` element whose content no string in `document` can break out of."""
    encoded = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))
