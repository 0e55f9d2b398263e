"""The wire models guard the laptop too: a malformed answer from a server fails validation."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


_texts = st.text().filter(lambda text: "\x00" not in text)  # NUL is refused (protocol.WireText)
_wire_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3),
    max_leaves=6,
)


# Nested values are slow to draw on a loaded CI machine: the time it takes says nothing about the code
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
        st.tuples(_wire_values, _wire_values),
        max_size=8,
    ),
    base_version=st.integers(min_value=0, max_value=2**40),
    op=st.sampled_from(["insert", "update", "delete"]),
)
def test_a_mutation_encoded_from_its_stored_changes_parses_as_the_model_built_from_them(
    changes: dict[str, tuple[Any, Any]], base_version: int, op: str
) -> None:
    """The laptop splices an outbox row's stored JSON into the push body (protocol.encode_mutation):
    central must read exactly the mutation the model itself would have sent."""
    ids = [str(uuid.uuid4()) for _ in range(3)]  # Mutation keeps ids in wire form (protocol.WireUuid)
    made = datetime(2026, 11, 27, 8, 30, 0, 123456, tzinfo=UTC)
    stored = json.dumps({name: list(pair) for name, pair in changes.items()})  # as the vault keeps it
    body = protocol.push_body(
        [
            protocol.encode_mutation(
                ids[0], "person", ids[1], op, base_version, stored, ids[2], made.isoformat()
            )
        ]
    )

    expected = protocol.Mutation(
        mutation_id=ids[0],
        entity="person",
        entity_id=ids[1],
        op=op,  # type: ignore[arg-type]
        base_version=base_version,
        changes=changes,
        author_id=ids[2],
        created_at=made,
    )
    assert protocol.PushRequest.model_validate_json(body) == protocol.PushRequest(mutations=[expected])


@given(st.uuids(), st.integers(min_value=0, max_value=999_999_999))
def test_a_push_sequence_reads_back_from_its_header(run: uuid.UUID, position: int) -> None:
    sequence = protocol.PushSequence(run.hex, position)

    assert protocol.PushSequence.parse(sequence.header()) == sequence


@pytest.mark.parametrize("header", ["", "0", "abc.1", f"{'0' * 32}.", f"{'0' * 32}.1e3", f"{'0' * 32}. 1"])
def test_anything_else_is_not_a_push_sequence(header: str) -> None:
    with pytest.raises(ValueError, match="Push-Sequence"):
        protocol.PushSequence.parse(header)


@given(st.uuids(), st.integers(min_value=1, max_value=2**31 - 1), st.integers(min_value=0, max_value=2**62))
def test_a_push_answer_joined_from_its_results_is_the_models_own(
    mutation_id: uuid.UUID, version: int, cursor: int
) -> None:
    result = protocol.MutationResult(mutation_id=str(mutation_id), status="applied", version=version)
    duplicate = protocol.MutationResult(mutation_id=str(mutation_id), status="duplicate", version=version)

    body = protocol.push_answer_body([result.model_dump_json(), duplicate.model_dump_json()], cursor)
    assert (
        body == protocol.PushResponse(results=(result, duplicate), cursor=cursor).model_dump_json().encode()
    )


_rows = st.lists(
    st.tuples(
        st.sampled_from(["person", "encounter", "follow_up"]),
        st.uuids(),
        st.integers(min_value=0, max_value=2**31 - 1),
        st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True), _wire_values, max_size=6),
    ),
    max_size=4,
)


@given(
    _rows, st.integers(min_value=0, max_value=2**62), st.none() | _texts, st.none() | st.integers(0, 2**40)
)
def test_a_snapshot_page_encoded_from_plain_values_is_the_models_own(
    rows: list[protocol.RowParts], cursor: int, next_page: str | None, total: int | None
) -> None:
    """Central encodes a first sync's pages from the records as read (protocol.snapshot_body): byte for
    byte what the Snapshot model encodes."""
    model = protocol.Snapshot(
        cursor=cursor,
        rows=tuple(
            protocol.Row(entity=entity, id=row_id, version=version, fields=fields)
            for entity, row_id, version, fields in rows
        ),
        next_page=next_page,
        total=total,
    )

    assert protocol.snapshot_body(cursor, rows, next_page, total) == model.model_dump_json().encode()


@given(_rows, st.integers(min_value=0, max_value=2**62), st.booleans())
def test_a_changes_page_encoded_from_plain_values_is_the_models_own(
    rows: list[protocol.RowParts], cursor: int, has_more: bool
) -> None:
    items = [(seq, row) for seq, row in enumerate(rows, start=1)]
    model = protocol.ChangesPage(
        cursor=cursor,
        items=tuple(
            protocol.Change(
                seq=seq, row=protocol.Row(entity=entity, id=row_id, version=version, fields=fields)
            )
            for seq, (entity, row_id, version, fields) in items
        ),
        has_more=has_more,
    )

    assert protocol.changes_page_body(cursor, items, has_more) == model.model_dump_json().encode()
