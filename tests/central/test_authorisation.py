"""Central authorises every mutation by entity, operation and the author's role (domain.permissions),
taking the role from its own record of the author; a device acts only for the users it enrolled with."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, Float, Integer, LargeBinary, String, Uuid

from burner_desk.central import cli, devices
from burner_desk.central.records import APPEND_ONLY, ENTITIES
from burner_desk.domain.people import Role
from burner_desk.domain.permissions import TABLE
from burner_desk.storage.models import SYNCED_MODELS, UTCDateTime
from tests.central.conftest import Central, mutation, now_wire, person_insert, user_insert

MODELS: dict[str, Any] = {model.__entity__: model for model in SYNCED_MODELS}

# What detectives, social workers and clinicians may do to each kind of record: a(dd), c(hange), r(emove).
# Supervisors may do all three to every kind, except change or remove the append-only ones, and except
# clinician notes, which police may not even add (treatment records, issue 19).
#                   detective  social worker  clinician
MAY: dict[str, tuple[str, str, str]] = {
    "user":             ("",   "",   ""),
    "person":           ("ac", "",   "a"),
    "family_contact":   ("ac", "",   ""),
    "incident":         ("ac", "",   ""),
    "encounter":        ("ac", "",   ""),
    "phone_swap":       ("ac", "",   ""),
    "consent":          ("ac", "",   ""),
    "referral":         ("ac", "",   ""),
    "custody_event":    ("a",  "",   ""),
    "handout_given":    ("a",  "",   ""),
    "follow_up":        ("ac", "c",  ""),
    "contact_attempt":  ("a",  "a",  "a"),
    "home_visit":       ("ac", "ac", "ac"),
    "burner_phone":     ("c",  "",   ""),
    "recovery_bag":     ("c",  "",   ""),
    "bag_item":         ("",   "",   ""),
    "handout":          ("c",  "",   ""),
    "resource":         ("",   "",   ""),
    "spike_threshold":  ("",   "",   ""),
    "spike_response":   ("ac", "ac", "ac"),
    "drug_intel_report": ("a", "",   ""),
    "co_response_call": ("ac", "",   "ac"),
    "clinician_note":   ("",   "",   "ac"),  # changes only their own (tests/domain/test_permissions.py)
}  # fmt: skip
COLUMN = {Role.DETECTIVE: 0, Role.SOCIAL_WORKER: 1, Role.CLINICIAN: 2}
NOT_FOR_SUPERVISORS = frozenset({"clinician_note"})  # made by a clinician in the test below
# The field each "change" sets, from the value every record is made with to a new one: for the kinds a
# detective may change only in part, the part the bedside changes, as the bedside changes it.
CHANGED = {
    "burner_phone": ("status", "issued"),
    "recovery_bag": ("status", "issued"),
    "handout": ("stock", 4),
    "spike_response": ("public_alert", True),  # a checklist step: all anyone but a supervisor changes
}
CHANGED |= {"follow_up": ("state", "reached")}


def _value(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, Uuid):
        return str(uuid.uuid4())
    if isinstance(kind, UTCDateTime):
        return now_wire()
    if isinstance(kind, Date):
        return "2025-03-01"
    if isinstance(kind, LargeBinary):
        return "00"
    if isinstance(kind, String):
        return "x"
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 5
    if isinstance(kind, Float):
        return 1.0
    assert isinstance(kind, JSON)
    return []


def _insert(entity: str, author: uuid.UUID, detective: uuid.UUID) -> dict[str, Any]:
    """A complete insert of a new `entity` record; an encounter names `detective` as its detective."""
    record_id = uuid.uuid4()
    values = {column.key: _value(column) for column in MODELS[entity].__table__.columns}
    given = {"id": str(record_id), "created_by": str(author), "device_id": None, "deleted_at": None}
    given |= {"role": "detective", "detective_id": str(detective), "name": f"user.{record_id.hex[:8]}"}
    given |= {"by_user_id": str(author)}  # a clinician's note is its writer's to change
    values |= {name: value for name, value in given.items() if name in values}
    changes = {name: [None, value] for name, value in values.items() if name != "version"}
    return mutation(entity, record_id, "insert", changes, author)


def _change(insert: dict[str, Any], author: uuid.UUID) -> dict[str, Any]:
    entity, record_id = insert["entity"], uuid.UUID(insert["entity_id"])
    field, new = CHANGED.get(entity) or next(
        (name, {"x": "y", 5: 6}[value])
        for name, (_old, value) in insert["changes"].items()
        if value in ("x", 5)
    )
    old = insert["changes"][field][1]
    return mutation(entity, record_id, "update", {field: [old, new]}, author, 1)


def _remove(insert: dict[str, Any], author: uuid.UUID) -> dict[str, Any]:
    record_id = uuid.UUID(insert["entity_id"])
    return mutation(insert["entity"], record_id, "delete", {"deleted_at": [None, now_wire()]}, author, 1)


def _statuses(answer: dict[str, Any]) -> list[str]:
    return [result["status"] for result in answer["results"]]


def test_the_table_covers_every_kind_of_record_central_keeps() -> None:
    assert set(TABLE) == set(ENTITIES) == set(MAY)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_add_change_and_remove_what_the_table_says(central: Central, role: Role) -> None:
    desks = {role: central.enroll(f"{role}'s desk", role=role) for role in Role}
    supervisor, desk = desks[Role.SUPERVISOR], desks[role]
    author, detective = desk.users[0], desks[Role.DETECTIVE].users[0]
    clinician = desks[Role.CLINICIAN]
    makers = {entity: clinician if entity in NOT_FOR_SUPERVISORS else supervisor for entity in MAY}
    made = {  # two records of each kind, one to change and one to remove, made by a supervisor
        entity: [_insert(entity, makers[entity].users[0], detective) for _ in range(2)] for entity in MAY
    }
    for maker in (supervisor, clinician):
        mine = [m for entity, pair in made.items() if makers[entity] is maker for m in pair]
        assert set(_statuses(central.push(maker, mine))) == {"applied"}
    attempts = [
        change
        for entity, (to_change, to_remove) in made.items()
        for change in (
            _insert(entity, author, author),
            _change(to_change, author),
            _remove(to_remove, author),
        )
    ]

    answers = central.push(desk, attempts)["results"]

    seen = {
        (attempt["entity"], attempt["op"]): answer["status"]
        for attempt, answer in zip(attempts, answers, strict=True)
    }
    letters = {"insert": "a", "update": "c", "delete": "r"}
    for (entity, op), status in seen.items():
        if role is Role.SUPERVISOR:
            allowed = entity not in NOT_FOR_SUPERVISORS and (op == "insert" or entity not in APPEND_ONLY)
        elif role is Role.COORDINATOR:
            allowed = False  # read-only: central refuses every change a coordinator's laptop pushes
        else:
            allowed = letters[op] in MAY[entity][COLUMN[role]]
        assert status == ("applied" if allowed else "rejected"), (role, entity, op, status)


def test_a_refusal_says_in_plain_words_who_may_not_do_what(central: Central) -> None:
    supervisor = central.enroll("supervisor's desk")
    detective = central.enroll("detective's desk", role=Role.DETECTIVE)
    social_worker = central.enroll("social worker's desk", role=Role.SOCIAL_WORKER)
    worker_id = social_worker.users[0]
    escalate = mutation(
        "user", worker_id, "update", {"role": ["social_worker", "supervisor"]}, detective.users[0], 1
    )
    rename = mutation("user", supervisor.users[0], "update", {"name": ["x", "boss"]}, detective.users[0], 1)

    answers = central.push(detective, [escalate, rename])["results"]

    assert [(a["status"], a["reason"]) for a in answers] == [
        ("rejected", "a detective may not change a user's role"),
        ("rejected", "a detective may not change a user's name"),
    ]
    assert central.record("user", worker_id)["role"] == "social_worker"


def test_a_detective_changes_stock_only_as_the_bedside_does(central: Central) -> None:
    supervisor = central.enroll("supervisor's desk")
    desk = central.enroll("detective's desk", role=Role.DETECTIVE)
    author = desk.users[0]
    phone, handout = (_insert(kind, supervisor.users[0], author) for kind in ("burner_phone", "handout"))
    assert _statuses(central.push(supervisor, [phone, handout])) == ["applied", "applied"]
    phone_id, handout_id = uuid.UUID(phone["entity_id"]), uuid.UUID(handout["entity_id"])
    attempts = {
        "a detective may change only the status of a burner phone": mutation(
            "burner_phone", phone_id, "update", {"carrier": ["x", "Other Wireless"]}, author, 1
        ),
        "a detective may only issue a burner phone": mutation(
            "burner_phone", phone_id, "update", {"status": ["x", "retired"]}, author, 1
        ),
        "a detective may only hand handouts out": mutation(
            "handout", handout_id, "update", {"stock": [5, 50]}, author, 1
        ),
        "": mutation("burner_phone", phone_id, "update", {"status": ["x", "issued"]}, author, 1),
    }

    answers = central.push(desk, list(attempts.values()))["results"]

    for expected, answer in zip(attempts, answers, strict=True):
        if expected:
            assert answer["status"] == "rejected" and answer["reason"].startswith(expected), answer
        else:
            assert answer["status"] == "applied", answer


def test_a_detective_records_and_changes_only_their_own_encounters(central: Central) -> None:
    first = central.enroll("first detective's desk", role=Role.DETECTIVE)
    second = central.enroll("second detective's desk", role=Role.DETECTIVE)
    mine, author = _insert("encounter", first.users[0], first.users[0]), first.users[0]
    as_another = _insert("encounter", author, second.users[0])
    assert _statuses(central.push(first, [mine, as_another])) == ["applied", "rejected"]

    answers = central.push(second, [_change(mine, second.users[0])])["results"]
    own = central.push(first, [_change(mine, author)])["results"]

    assert answers[0]["status"] == "rejected" and "only their own encounters" in answers[0]["reason"]
    assert own[0]["status"] == "applied"


def test_a_detective_corrects_and_withdraws_only_the_drug_intel_they_logged(central: Central) -> None:
    first = central.enroll("first detective's desk", role=Role.DETECTIVE)
    second = central.enroll("second detective's desk", role=Role.DETECTIVE)
    author, colleague = first.users[0], second.users[0]
    kept, wrong = (_insert("drug_intel_report", author, author) for _ in range(2))
    assert _statuses(central.push(first, [kept, wrong])) == ["applied", "applied"]
    kept_id = uuid.UUID(kept["entity_id"])
    when = mutation("drug_intel_report", kept_id, "update", {"reported_at": ["x", now_wire()]}, author, 1)

    refused = central.push(second, [_change(kept, colleague), _remove(wrong, colleague)])["results"]
    not_its_words = central.push(first, [when])["results"]
    own = central.push(first, [_change(kept, author), _remove(wrong, author)])["results"]

    assert [a["status"] for a in refused] == ["rejected", "rejected"]
    assert all("only the drug intelligence reports they logged" in a["reason"] for a in refused)
    assert not_its_words[0]["status"] == "rejected"
    assert not_its_words[0]["reason"].startswith("a detective may change only the area obtained, colour")
    assert [a["status"] for a in own] == ["applied", "applied"]
    assert central.record("drug_intel_report", uuid.UUID(wrong["entity_id"]))["deleted_at"] is not None


def test_nobody_changes_their_own_role(central: Central) -> None:
    desk = central.enroll("desk")
    me, other = desk.users[0], uuid.uuid4()
    central.push(desk, [user_insert(other, Role.SUPERVISOR, author=me)])
    demote = {"role": ["supervisor", "detective"]}
    invented = user_insert(uuid.uuid4(), Role.DETECTIVE, author=me)
    invented["changes"]["role"] = [None, "admin"]

    answers = central.push(
        desk,
        [mutation("user", me, "update", demote, me, 1), mutation("user", other, "update", demote, me, 1)],
    )["results"]

    assert answers[0]["status"] == "rejected" and "their own role" in answers[0]["reason"]
    assert answers[1]["status"] == "applied"
    refused = central.push(desk, [invented])["results"][0]
    assert refused["status"] == "rejected" and "must be one of" in refused["reason"]


def test_the_role_is_central_s_own_record_and_changes_within_a_batch(central: Central) -> None:
    """A detective promoted earlier in the same batch acts as a supervisor from the next mutation on; the
    role a laptop writes into a record of someone else counts for nothing before central holds it."""
    supervisor = central.enroll("supervisor's desk")
    detective = uuid.uuid4()
    joined = user_insert(detective, Role.DETECTIVE, author=supervisor.users[0])
    promote = mutation(
        "user", detective, "update", {"role": ["detective", "supervisor"]}, supervisor.users[0], 1
    )

    def new_user_by_the_detective() -> dict[str, Any]:
        return user_insert(uuid.uuid4(), Role.SOCIAL_WORKER, author=detective)

    before = central.push(supervisor, [joined, new_user_by_the_detective()])["results"]
    after = central.push(supervisor, [promote, new_user_by_the_detective()])["results"]

    assert [a["status"] for a in before] == ["applied", "rejected"]
    assert [a["status"] for a in after] == ["applied", "applied"]


def test_an_author_central_holds_no_record_of_waits(central: Central) -> None:
    desk = central.enroll("desk", role=None)
    author = desk.users[0]
    early = person_insert(author)

    assert central.push(desk, [early])["results"][0]["status"] == "deferred"
    account = user_insert(author, Role.DETECTIVE)  # the bootstrap: the user's own account
    assert _statuses(central.push(desk, [account, early])) == ["applied", "applied"]


# --- claims ----------------------------------------------------------------------------------------


def test_claiming_another_laptop_s_user_grants_nothing_until_a_supervisor_approves(central: Central) -> None:
    owner = central.enroll("Desk 1 (sample)")
    boss = owner.users[0]
    fresh = uuid.uuid4()
    claimant = central.enroll("Desk 2 (sample)", users=[boss, fresh], role=None)
    work = person_insert(boss)
    takeover = mutation("user", fresh, "update", {"role": ["supervisor", "detective"]}, boss, 1)

    waiting = central.push(claimant, [work, takeover])["results"]

    assert {a["status"] for a in waiting} == {"deferred"}
    assert "approval" in waiting[0]["reason"]
    (claim,) = devices.pending_claims(central.db)
    assert claim["device_id"] == str(claimant.device_id) and claim["device_name"] == "Desk 2 (sample)"
    assert (claim["user_id"], claim["role"]) == (str(boss), "supervisor")
    assert claim["acting_devices"] == [str(owner.device_id)]

    assert devices.approve_user(central.db, claimant.device_id, boss)
    assert _statuses(central.push(claimant, [work])) == ["applied"]
    assert devices.pending_claims(central.db) == []
    actions = [event["action"] for event in devices.recent_events(central.db, 100)]
    assert actions.count("device.user_claim") == 1 and actions.count("device.user_approve") == 1


def test_a_user_another_laptop_claimed_is_not_granted_before_its_record_arrives(central: Central) -> None:
    user = uuid.uuid4()
    central.enroll("first", users=[user], role=None)
    second = central.enroll("second", users=[user], role=None)

    assert central.push(second, [user_insert(user, Role.SUPERVISOR)])["results"][0]["status"] == "deferred"
    assert [claim["user_id"] for claim in devices.pending_claims(central.db)] == [str(user)]


def test_a_laptop_cannot_make_the_account_of_another_laptop_s_user(central: Central) -> None:
    victim = uuid.uuid4()
    central.enroll("victim's desk", users=[victim], role=None)  # enrolled, account not pushed yet
    attacker = central.enroll("attacker's desk")

    answer = central.push(attacker, [user_insert(victim, Role.SUPERVISOR, author=attacker.users[0])])

    assert answer["results"][0]["status"] == "rejected"
    assert "another laptop" in answer["results"][0]["reason"]


def test_pending_users_and_approve_user_commands(
    central: Central, capsys: pytest.CaptureFixture[str]
) -> None:
    url = central.engine.url.render_as_string(hide_password=False)
    owner = central.enroll("Desk 1 (sample)")
    claimant = central.enroll("Desk 2 (sample)", users=owner.users, role=None)

    assert cli.main(["--db", url, "pending-users"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert cli.main(["--db", url, "approve-user", str(claimant.device_id), str(uuid.uuid4())]) == 1
    assert "claimed no user" in capsys.readouterr().err
    assert cli.main(["--db", url, "approve-user", str(claimant.device_id), str(owner.users[0])]) == 0
    assert capsys.readouterr().out.startswith("approved: ")
    assert cli.main(["--db", url, "pending-users"]) == 0

    assert json.loads(line)["user_id"] == str(owner.users[0])
    assert capsys.readouterr().out == ""


def test_treatment_outcomes_are_the_program_s_and_a_social_worker_takes_calls_for_themself(
    central: Central,
) -> None:
    detective = central.enroll("detective's desk", role=Role.DETECTIVE)
    worker = central.enroll("program desk", role=Role.SOCIAL_WORKER, treatment_program=True)
    follow_up = _insert("follow_up", detective.users[0], detective.users[0])
    follow_up["changes"]["assignee_id"][1] = None  # nobody's call yet
    assert _statuses(central.push(detective, [follow_up])) == ["applied"]
    follow_up_id = uuid.UUID(follow_up["entity_id"])

    def attempt(desk: Any, outcome: str) -> dict[str, Any]:
        made = _insert("contact_attempt", desk.users[0], desk.users[0])
        made["changes"]["follow_up_id"][1], made["changes"]["outcome"][1] = str(follow_up_id), outcome
        return made

    def state(desk: Any, new: str) -> dict[str, Any]:
        return mutation("follow_up", follow_up_id, "update", {"state": ["x", new]}, desk.users[0], 1)

    def assign(desk: Any, to: uuid.UUID) -> dict[str, Any]:
        return mutation(
            "follow_up", follow_up_id, "update", {"assignee_id": [None, str(to)]}, desk.users[0], 1
        )

    police = central.push(detective, [attempt(detective, "entered_treatment"), state(detective, "engaged")])
    program = central.push(worker, [assign(worker, detective.users[0]), attempt(worker, "entered_treatment")])
    taken = central.push(worker, [assign(worker, worker.users[0]), state(worker, "engaged")])

    assert [a["reason"] for a in police["results"]] == [
        "a treatment outcome is the treatment program's to record"
    ] * 2
    assert _statuses(program) == ["rejected", "applied"]
    assert "takes a call for themself" in program["results"][0]["reason"]
    assert _statuses(taken) == ["applied", "applied"]
    assert _statuses(central.push(detective, [attempt(detective, "no_answer")])) == ["applied"]
