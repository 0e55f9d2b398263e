"""The wire models guard the laptop too: a malformed answer from a server fails validation."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from burner_desk.sync import protocol


def _page(**row: Any) -> bytes:
    fields = {"given_name": "Alex (sample)"} | row
    item = {"seq": 1, "row": {"entity": "person", "id": str(uuid.uuid4()), "version": 1, "fields": fields}}
    return json.dumps({"cursor": 1, "items": [item], "has_more": False}).encode()


def test_a_well_formed_changes_page_parses() -> None:
    page = protocol.ChangesPage.model_validate_json(_page())

    assert page.items[0].row.fields["given_name"] == "Alex (sample)"


@pytest.mark.parametrize(
    "answer",
    [
        b"<html>502 Bad Gateway</html>",
        _page(given_name="Al\x00ex"),
        _page(given_name=["x"] * (protocol.MAX_ARRAY + 1)),
        _page(given_name=[[[[["deep"]]]]]),
        _page().replace(b'"cursor": 1', b'"cursor": "1"'),
        _page().replace(b'"cursor": 1', b'"cursor": -1'),
        json.dumps({"cursor": 1, "items": [], "has_more": False, "extra": 1}).encode(),
        json.dumps({"cursor": 1, "items": [{}] * (protocol.MAX_PAGE + 1), "has_more": True}).encode(),
    ],
    ids=[
        "not json",
        "NUL",
        "huge array",
        "too deep",
        "string cursor",
        "negative cursor",
        "extra key",
        "huge page",
    ],
)
def test_malformed_changes_page_is_refused(answer: bytes) -> None:
    with pytest.raises(ValidationError):
        protocol.ChangesPage.model_validate_json(answer)
