"""The `extract` management command: JSON and text output, and clear failures, without the database."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.extraction.helpers import ARTICLES


def test_json_output_has_one_object_per_file_with_statements_and_speakers():
    out = StringIO()
    call_command("extract", str(ARTICLES / "harbour_strike.txt"), "--format", "json", stdout=out)
    [result] = json.loads(out.getvalue())
    assert result["file"].endswith("harbour_strike.txt")
    statements = {s["text"]: s for s in result["statements"]}
    response = next(s for text, s in statements.items() if text.startswith("These claims are untrue."))
    assert response["speaker"] == "Harbour Authority spokeswoman"
    assert response["speaker_kind"] == "spokesperson"
    assert response["kind"] == "response"
    assert result["statements"][response["responds_to"][0]]["text"] == "lied to"
    assert response["relation_type"] == "denies"
    assert all(s["relation_type"] is None for s in result["statements"] if s["kind"] == "claim")
    assert {"name", "kind", "aliases"} <= set(result["speakers"][0])


def test_headline_and_byline_are_not_statements(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(
        "Ferry operator calls safety report 'scaremongering'\nBy Lena Hoyle, Transport Correspondent\n\n"
        "The Tidewell Ferry Company said the report was \"scaremongering dressed up as research\".\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("extract", str(path), "--format", "json", stdout=out)
    [result] = json.loads(out.getvalue())
    assert result["headline"] == "Ferry operator calls safety report 'scaremongering'"
    assert result["byline"] == "Lena Hoyle, Transport Correspondent"
    assert [s["text"] for s in result["statements"]] == ["scaremongering dressed up as research"]


def test_text_output_is_readable():
    out = StringIO()
    call_command("extract", str(ARTICLES / "blackout_inquiry.txt"), stdout=out)
    assert "Jonas Brandt (response" in out.getvalue()


def test_missing_file_fails_with_a_one_line_reason(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("extract", str(tmp_path / "nope.txt"))


def test_non_utf8_file_fails_with_a_one_line_reason(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("extract", str(path))
