"""A vault at field scale: saving a whole bedside encounter, and finding a case, among N encounters.

Seeding N encounters through the service would take longer than the measurements, so the history is
bulk-inserted with Core executemany (same tables, same search index text as bedside.record_encounter);
only the measured calls go through the services.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from benchmarks import program, ui
from benchmarks.timing import Row, bench_setup, ms, p50, p95
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.followup import due_at
from burner_desk.domain.ids import new_id
from burner_desk.domain.imei import luhn_check_digit
from burner_desk.domain.people import Language
from burner_desk.domain.phone import display_us_phone
from burner_desk.services import access, bedside, cases, inventory
from burner_desk.storage.engine import checkpoint
from burner_desk.storage.keyslots import KdfParams
from burner_desk.storage.models import (
    BurnerPhone,
    CustodyEvent,
    Encounter,
    FamilyContact,
    FollowUp,
    Incident,
    Person,
    PhoneSwap,
    Referral,
    Resource,
    Setting,
)
from burner_desk.storage.repositories import CaseSearch

GIVEN = ["Alex", "Maria", "James", "Dana", "Luis", "Keisha", "Tom", "Rosa", "Omar", "Grace", "Ana", "Jamal"]
# Syllables give a few thousand distinct surnames: a typed surname matches tens of cases, as in a city.
SYLLABLES = ["ba", "ko", "ri", "san", "mel", "do", "ver", "ta", "lin", "gu", "ham", "zo", "pe", "nor", "chi"]
OTHER_JURISDICTIONS = ["arlington", "fairfax", "prince william"]
AREA_CODES = ["703", "571", "202", "301"]
BURNER_TAC = "35391110"  # burner phones come in batches of one model: one type allocation code
CHUNK = 5000
SAVE_BUDGET = 0.025
SEARCH_BUDGET = 0.030
NOW = datetime.now(UTC).replace(microsecond=0)


def _log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def fictional_line(n: int) -> str:
    """The n-th (mod 100) of the numbers set aside for fiction, 555-0100 to 555-0199, as 7 digits: no
    invented person may get a number that rings a real one."""
    return f"55501{n % 100:02d}"


def _imei(body14: str) -> str:
    return body14 + str(luhn_check_digit(body14))


@dataclass
class Generator:
    """Invented, reproducible people and numbers; every IMEI passes its check digit."""

    rng: random.Random = field(default_factory=lambda: random.Random(2))

    def surname(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize()

    def phone(self) -> str:
        return f"+1{self.rng.choice(AREA_CODES)}{fictional_line(self.rng.randint(0, 99))}"

    def personal_imei(self) -> str:
        return _imei("".join(str(self.rng.randint(0, 9)) for _ in range(14)))


@dataclass
class Seeded:
    """A sample of what was seeded, to search for."""

    # (what a detective types, what the index holds for it): phones are typed as printed, indexed as digits.
    surnames: list[tuple[str, str]] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)
    imeis: list[tuple[str, str]] = field(default_factory=list)
    receipts: list[tuple[str, str]] = field(default_factory=list)


def seed(signed_in: access.SignedIn, encounters: int, gen: Generator) -> Seeded:
    """N past encounters, ~85 % residents (phone swap + burner), with every table a bedside save writes
    filled as it would (family contacts, referrals, custody, follow-ups, the search index, this desk's audit
    trail) and the program's records after them (consents, attempts, visits, bags, handouts:
    benchmarks.program). Not the outbox: a sync deletes what it pushed, so history leaves none."""
    engine, detective_id = signed_in.vault.engine, signed_in.actor.user_id
    referred_to = new_id()
    with engine.begin() as conn:
        conn.execute(
            insert(Resource),
            [
                {
                    "id": referred_to,
                    "name": "Bench treatment program (invented)",
                    "kind": "treatment",
                    "jurisdiction": "alexandria",
                }
            ],
        )
    seeded = Seeded()
    for start in range(0, encounters, CHUNK):
        rows: dict[str, list[dict[str, Any]]] = {
            "person": [],
            "family": [],
            "incident": [],
            "encounter": [],
            "referral": [],
            "burner": [],
            "swap": [],
            "custody": [],
            "follow_up": [],
            "search": [],
        }
        for index in range(start, min(start + CHUNK, encounters)):
            _one_encounter(index, detective_id, referred_to, gen, rows, seeded)
        with engine.begin() as conn:
            conn.execute(insert(Person), rows["person"])
            conn.execute(insert(FamilyContact), rows["family"])
            conn.execute(insert(Incident), rows["incident"])
            conn.execute(insert(Encounter), rows["encounter"])
            conn.execute(insert(Referral), rows["referral"])
            conn.execute(insert(BurnerPhone), rows["burner"])
            conn.execute(insert(PhoneSwap), rows["swap"])
            conn.execute(insert(CustodyEvent), rows["custody"])
            conn.execute(insert(FollowUp), rows["follow_up"])
            conn.execute(
                text("INSERT INTO case_search_key (search_rowid, encounter_id) VALUES (:rowid, :id)"),
                rows["search"],
            )
            conn.execute(text("INSERT INTO case_search (rowid, body) VALUES (:rowid, :body)"), rows["search"])
        # The desk's own trail, through the real hash chain: one event for each encounter it recorded.
        with signed_in.uow.begin(signed_in.actor) as tx:
            for _ in rows["encounter"]:
                tx.record("encounter.create", entity="encounter")
        _log(f"seeded {min(start + CHUNK, encounters):,} / {encounters:,} encounters")
    program.seed_program_records(engine)
    with signed_in.uow.begin() as tx:  # the program summary worked out, as at the end of the sync that
        tx.program.refresh_summary()  # brought the history (sync.pull)
    checkpoint(engine)  # measure against the database file, not a WAL of the whole seed
    return seeded


def _one_encounter(
    index: int,
    detective_id: Any,
    referred_to: Any,
    gen: Generator,
    rows: dict[str, list[dict[str, Any]]],
    seeded: Seeded,
) -> None:
    rng = gen.rng
    at = NOW - timedelta(days=3650) + timedelta(minutes=52 * index)
    given, family = rng.choice(GIVEN), gen.surname()
    resident = rng.random() < 0.85
    person_id, incident_id, encounter_id = new_id(), new_id(), new_id()
    phone = gen.phone()
    rows["person"].append(
        {
            "id": person_id,
            "given_name": given,
            "family_name": family,
            "date_of_birth": date(1960 + index % 45, 1 + index % 12, 1 + index % 28),
            "phone": phone,
            "jurisdiction": "alexandria" if resident else rng.choice(OTHER_JURISDICTIONS),
        }
    )
    rows["incident"].append({"id": incident_id, "occurred_at": at, "address": f"{index % 3000} King St"})
    rows["encounter"].append(
        {
            "id": encounter_id,
            "incident_id": incident_id,
            "person_id": person_id,
            "detective_id": detective_id,
            "hospital": "Inova Alexandria",
            "started_at": at,
            "ended_at": at + timedelta(hours=1),
        }
    )
    rows["referral"].append(
        {
            "encounter_id": encounter_id,
            "person_id": person_id,
            "resource_id": referred_to,
            "method": "sheet",
            "status": "made",
        }
    )
    if index % 2 == 0:  # half name someone in the family
        rows["family"].append(
            {"person_id": person_id, "name": "Pat Example", "relationship": "sister", "phone": gen.phone()}
        )
    rows["follow_up"].append(
        {"encounter_id": encounter_id, "person_id": person_id, "due_at": due_at(at), "state": "closed"}
    )
    # The same text bedside._search_terms builds: name, phone as digits and as printed, IMEIs, tag, receipt.
    terms = [f"{given} {family}", phone.removeprefix("+1"), display_us_phone(phone)]
    if resident:
        burner_id, receipt, personal_imei = new_id(), f"PR-{index:07d}", gen.personal_imei()
        burner_imei, tag = _imei(f"{BURNER_TAC}{index:06d}"), f"BP-{index:06d}"
        rows["burner"].append(
            {
                "id": burner_id,
                "asset_tag": tag,
                "imei": burner_imei,
                "phone_number": f"+1703{fictional_line(index)}",
                "status": "returned",
            }
        )
        swap_id = new_id()
        rows["swap"].append(
            {
                "id": swap_id,
                "encounter_id": encounter_id,
                "burner_phone_id": burner_id,
                "burner_issued_at": at,
                "personal_make": "Samsung",
                "personal_imei": personal_imei,
                "property_receipt_no": receipt,
                "storage_location": "Property room shelf 4",
            }
        )
        rows["custody"].append(
            {
                "phone_swap_id": swap_id,
                "at": at,
                "action": "taken",
                "by_user_id": detective_id,
                "location": "Inova Alexandria",
            }
        )
        terms += [personal_imei, receipt, burner_imei, tag]
        if index % 97 == 0:
            imei = personal_imei if index % 2 else burner_imei
            seeded.imeis.append((imei, imei))
            seeded.receipts.append((receipt, receipt))
    rows["search"].append({"rowid": index + 1, "id": encounter_id.hex, "body": " | ".join(terms)})
    if index % 97 == 0:
        seeded.surnames.append((family, family))
        seeded.phones.append((display_us_phone(phone), phone.removeprefix("+1")))


@dataclass(frozen=True)
class Stock:
    """Fresh burner phones and packed bags for the measured saves, added through the inventory service."""

    phones: list[str]
    bags: list[str]
    handout_codes: list[str]


def stock(signed_in: access.SignedIn, count: int) -> Stock:
    uow, actor = signed_in.uow, signed_in.actor
    imeis = [_imei(f"35391120{n:06d}") for n in range(count)]
    lines = [
        f"NEW-{n:05d},{imei},+1703{fictional_line(n)},Bench Wireless,Detective: 703-555-0101; Program: 703-555-0102"
        for n, imei in enumerate(imeis)
    ]
    # One file takes at most MAX_CSV_ROWS phones: a bigger stock comes in several, as a supervisor's would.
    for start in range(0, count, inventory.MAX_CSV_ROWS):
        part = lines[start : start + inventory.MAX_CSV_ROWS]
        csv_text = "\n".join(["asset_tag,imei,phone_number,carrier,programmed_contacts", *part])
        report = inventory.import_burner_phones_csv(uow, actor, csv_text)
        assert not report.errors, report.errors[:3]
    bags = []
    for n in range(count):
        kit = inventory.NaloxoneKit(lot=f"LOT{n % 7}", expires_on=NOW.date() + timedelta(days=400))
        bags.append(
            inventory.assemble_recovery_bag(
                uow, actor, inventory.RecoveryBagInput(f"BAG-{n:05d}", (kit,)), NOW
            ).label
        )
    catalog = inventory.load_handout_catalog(uow, actor, initial_stock=10 * count)
    codes = sorted({view.code for view in catalog})
    return Stock(imeis, bags, codes)


def _encounter_input(n: int, gen: Generator, stocked: Stock) -> bedside.EncounterInput:
    handouts = tuple(bedside.HandoutRequest(code, Language.EN) for code in stocked.handout_codes[:2])
    return bedside.EncounterInput(
        person=bedside.PersonInput(
            given_name=gen.rng.choice(GIVEN),
            family_name=gen.surname(),
            jurisdiction="Alexandria, VA",
            date_of_birth=date(1990, 5, 17),
            phone=display_us_phone(gen.phone()),
            address=f"{n} Duke St",
        ),
        incident=bedside.IncidentInput(
            occurred_at=NOW - timedelta(hours=3),
            address=f"{n} King St",
            naloxone_doses=2,
            suspected_substance="fentanyl",
        ),
        consent=bedside.ConsentInput(
            scopes=frozenset(
                {ConsentScope.CONTACT_INFO, ConsentScope.REFERRAL_STATUS, ConsentScope.FAMILY_CONTACT}
            ),
            signed_how=SignedHow.ON_PAPER,
            discloser="Alexandria Police Department",
            purpose="Follow-up and treatment referral",
            form_number=f"F-{n:05d}",
        ),
        hospital="Inova Alexandria",
        personal_phone=bedside.PersonalPhoneInput(
            property_receipt_no=f"PR-NEW-{n:05d}", make="Apple", model="iPhone 12", imei=gen.personal_imei()
        ),
        burner_phone=stocked.phones[n],
        recovery_bag=stocked.bags[n],
        handouts=handouts,
        family_contacts=(
            bedside.FamilyContactInput(
                name="Pat Example",
                relationship="sister",
                phone=display_us_phone(gen.phone()),
                consent_to_contact=True,
                handouts=handouts[:1],
            ),
        ),
    )


def _save(signed_in: access.SignedIn, data: bedside.EncounterInput) -> Callable[[], object]:
    return lambda: bedside.record_encounter(signed_in.uow, signed_in.actor, data, NOW)


def _bare_insert(engine: Engine, n: int) -> Callable[[], None]:
    def call() -> None:
        with engine.begin() as conn:
            conn.execute(insert(Setting), {"key": f"bench.{n}", "value": "x"})

    return call


def _alternating(
    subject: Iterator[Callable[[], object]],
    baseline: Iterator[Callable[[], object]],
    then: Callable[[], object] | None = None,
) -> tuple[list[float], list[float]]:
    """Subject and baseline take turns, so a slow moment of the disk or CPU hits both; `then`, untimed,
    after each call."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for subject_call, baseline_call in zip(subject, baseline, strict=True):
        for call, times in ((subject_call, subject_times), (baseline_call, baseline_times)):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
            if then is not None:
                then()
    return subject_times, baseline_times


def run(workdir: Path, encounters: int, saves: int, searches: int) -> list[Row]:
    setup = bench_setup("bench.detective")
    # The KDF is not measured here: the cheapest policy-compliant setting keeps set-up short.
    signed_in = access.first_run_setup(workdir / "caseload-vault", setup, kdf=KdfParams(time_cost=1))
    try:
        return _measure(signed_in, encounters, saves, searches)
    finally:
        signed_in.vault.close()


def _measure(signed_in: access.SignedIn, encounters: int, saves: int, searches: int) -> list[Row]:
    uow, actor, engine = signed_in.uow, signed_in.actor, signed_in.vault.engine
    with uow.begin(actor) as tx:
        for jurisdiction in ["alexandria", *OTHER_JURISDICTIONS]:
            tx.add(
                Resource(
                    name=f"{jurisdiction.title()} treatment program",
                    kind="treatment",
                    jurisdiction=jurisdiction,
                )
            )
    gen = Generator()
    seeded = seed(signed_in, encounters, gen)
    _log(f"stocking {saves} burner phones and recovery bags")
    stocked = stock(signed_in, saves)
    inputs = [_encounter_input(n, gen, stocked) for n in range(saves)]
    _log(f"timing {saves} encounter saves")
    save_cpu: list[float] = []
    settle_times: list[float] = []

    def timed_save(data: bedside.EncounterInput) -> Callable[[], object]:
        def call() -> None:
            started = time.thread_time()
            _save(signed_in, data)()
            save_cpu.append(time.thread_time() - started)

        return call

    def settle() -> None:
        """What the app's DB thread does after each task when nothing else is queued (ui/tasks.py)."""
        started = time.perf_counter()
        access.settle(signed_in)
        settle_times.append(time.perf_counter() - started)

    save_times, insert_times = _alternating(
        (timed_save(data) for data in inputs), (_bare_insert(engine, n) for n in range(saves)), settle
    )
    rows = [
        Row(
            f"Save a whole bedside encounter ({encounters:,} in vault)",
            f"p50 {ms(p50(save_times))}, p95 {ms(p95(save_times))} (CPU p50 {ms(p50(save_cpu))});"
            f" then, off its path, settle p50 {ms(p50(settle_times))}",
            f"p95 {ms(p95(insert_times))} (1-row insert tx)",
            p95(save_times) / p95(insert_times),
            f"p95 <= {SAVE_BUDGET * 1000:.0f} ms",
            p95(save_times) <= SAVE_BUDGET,
        )
    ]
    _log(f"timing {searches} searches of each kind")
    for kind, queries in (
        ("name", seeded.surnames),
        ("phone", seeded.phones),
        ("IMEI", seeded.imeis),
        ("receipt no.", seeded.receipts),
    ):
        sample = [queries[n % len(queries)] for n in range(searches)]
        rows.append(_search_row(kind, sample, signed_in, engine))
    _log(f"timing {searches * 4} searches through the Cases view")
    typed = [
        kind[n % len(kind)][0]
        for kind in (seeded.surnames, seeded.phones, seeded.imeis, seeded.receipts)
        for n in range(searches)
    ]
    rows.append(ui.first_search_result(signed_in.vault.directory, actor.user_name, typed))
    rows.append(program.run_on(signed_in, encounters))  # last: the saves above count in its figures
    return rows


def _search_row(kind: str, queries: list[tuple[str, str]], signed_in: access.SignedIn, engine: Engine) -> Row:
    def service(typed: str) -> Callable[[], object]:
        return lambda: _must_find(cases.find_cases(signed_in.uow, signed_in.actor, typed), typed)

    def bare(key: str) -> Callable[[], None]:
        phrase = '"' + key.replace('"', '""') + '"'  # as CaseSearch.find quotes it

        def call() -> None:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection  # outside a BEGIN IMMEDIATE: a plain read
                assert raw is not None
                raw.execute(CaseSearch.FIND_SQL, {"q": phrase, "n": 50}).fetchall()

        return call

    found, index_only = _alternating((service(q) for q, _ in queries), (bare(k) for _, k in queries))
    return Row(
        f"Search by {kind} (cases.find_cases)",
        f"p50 {ms(p50(found))}, p95 {ms(p95(found))}",
        f"p95 {ms(p95(index_only))} (bare FTS5 match)",
        p95(found) / p95(index_only),
        f"p95 <= {SEARCH_BUDGET * 1000:.0f} ms",
        p95(found) <= SEARCH_BUDGET,
    )


def _must_find(found: list[cases.CaseSummary], query: str) -> None:
    assert found, f"the seeded {query!r} was not found"
