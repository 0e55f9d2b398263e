"""The resource directory, read-only here: it flows down from central (sample data until sync lands).

The directory is public program information, not a record about anyone, so reading it is not audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from burner_desk.domain import opening_hours
from burner_desk.domain.people import Language
from burner_desk.domain.phone import display_us_phone
from burner_desk.domain.residency import normalise_jurisdiction
from burner_desk.domain.resources import ResourceKind
from burner_desk.printing import hours
from burner_desk.storage.models import Resource
from burner_desk.storage.uow import UnitOfWork


@dataclass(frozen=True)
class ResourceView:
    id: UUID
    name: str
    kind: ResourceKind
    jurisdiction: str
    phone: str
    phone_24h: str  # "" when the program has no 24/7 line
    hours: str  # in English words, for the screens
    hours_es: str  # the same in Spanish, for a user whose screens are in Spanish
    address: str
    languages: tuple[Language, ...]
    url: str

    def hours_in(self, lang: str) -> str:
        return self.hours_es if lang == Language.ES.value else self.hours

    @staticmethod
    def of(row: Resource) -> ResourceView:
        structure = opening_hours.from_record(row.opening_hours, row.hours_notes, row.hours)
        return ResourceView(
            id=row.id,
            name=row.name,
            kind=ResourceKind(row.kind),
            jurisdiction=row.jurisdiction,
            phone=display_us_phone(row.phone),
            phone_24h=display_us_phone(row.phone_24h),
            hours=hours.in_words(structure, Language.EN.value),
            hours_es=hours.in_words(structure, Language.ES.value),
            address=row.address,
            languages=tuple(Language(code) for code in row.languages),
            url=row.url,
        )


def jurisdictions(uow: UnitOfWork) -> list[str]:
    with uow.begin() as tx:
        return tx.resources.jurisdictions()


def directory(uow: UnitOfWork, jurisdiction: str, kind: ResourceKind | None = None) -> list[ResourceView]:
    """One jurisdiction's programs, by kind then name; any spelling of the jurisdiction works."""
    with uow.begin() as tx:
        rows = tx.resources.in_jurisdiction(
            normalise_jurisdiction(jurisdiction), kind.value if kind is not None else None
        )
        return [ResourceView.of(row) for row in rows]
