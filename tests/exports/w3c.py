"""The W3C Web Annotation WG's JSON-schema assertions (copied in tests/w3c/), ready to validate with."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

W3C = Path(__file__).resolve().parent.parent / "w3c"


@cache
def registry() -> Registry:
    """Every definitions file, under the bare file name the assertions' $refs use."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT4))
        for path in (W3C / "definitions").glob("*.json")
    ]
    return Registry().with_resources(resources)


def assertion(relative: str) -> dict:
    return json.loads((W3C / relative).read_text())


def assertions_of(test_file: str) -> list[str]:
    """The assertion files a `.test` file lists (e.g. annotations/annotationMusts.test)."""
    return json.loads((W3C / test_file).read_text())["assertions"]


def failures(instance: dict, test_file: str) -> list[str]:
    """The assertions of `test_file` whose expected result the instance does not meet."""
    failed = []
    for relative in assertions_of(test_file):
        schema = assertion(relative)
        validator = Draft4Validator(schema, registry=registry(), format_checker=Draft4Validator.FORMAT_CHECKER)
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(f"{relative}: {schema.get('errorMessage', '')}")
    return failed


def meets(instance: dict, relative: str) -> bool:
    """True if the instance passes one assertion (for optional features such as selectors)."""
    validator = Draft4Validator(assertion(relative), registry=registry())
    return validator.is_valid(instance)
