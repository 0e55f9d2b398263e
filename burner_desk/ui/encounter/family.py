"""The family page: family members the program may call, their handouts, and the survivor's.

Enter with a family member's name typed adds them (and stays, to show their handouts); Enter with the
name empty goes on. The usual handouts start ticked (STANDARD_*), so the common case is a few keys."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import bedside as rules
from burner_desk.domain import consent
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.inventory import HandoutAudience, check_handout_stock
from burner_desk.domain.people import Language
from burner_desk.services import bedside, inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.consent import ConsentPage
from burner_desk.ui.encounter.controls import LANGUAGES, language_combo
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.encounter.survivor import SurvivorPage
from burner_desk.ui.errors import message_for

# What most survivors and families are given: ticked to start with, unticked when not handed over.
STANDARD_SURVIVOR_HANDOUTS = frozenset({"survivor_what_next", "survivor_naloxone"})
STANDARD_FAMILY_HANDOUTS = frozenset({"family_how_to_help"})


class FamilyContactRow(QWidget):
    """One family member added: who they are, the handouts given to them (in their language), Remove."""

    def __init__(
        self,
        contact: bedside.FamilyContactInput,
        handouts: list[inventory.HandoutView],
        chosen: set[str],
        on_change: Callable[[], None],
        on_remove: Callable[[], None],
    ) -> None:
        super().__init__()
        self.setObjectName("familyContactRow")
        agrees = self.tr("may be contacted") if contact.consent_to_contact else self.tr("not to be contacted")
        relation = f" ({contact.relationship})" if contact.relationship else ""
        phone = contact.phone or self.tr("no phone")
        summary = QLabel(f"{contact.name}{relation} · {phone} · {LANGUAGES[contact.language]} · {agrees}")
        summary.setAccessibleName(self.tr("Family contact {name}").format(name=contact.name))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove {name}").format(name=contact.name))
        self.remove.setAutoDefault(False)
        # Not connected directly: clicked's `checked` would land in the callback's row-index default.
        self.remove.clicked.connect(lambda: on_remove())
        self.handouts: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setVerticalSpacing(2)
        layout.addWidget(summary, 0, 0)
        layout.addWidget(self.remove, 0, 1, Qt.AlignmentFlag.AlignRight)
        # Two a line: three titles side by side are wider than the wizard at 1366×768.
        choices = QGridLayout()
        choices.setHorizontalSpacing(18)
        choices.setVerticalSpacing(2)
        for position, handout in enumerate(handouts):
            box = QCheckBox(handout.title)
            box.setAccessibleName(
                self.tr("Give {name} the handout {title}").format(name=contact.name, title=handout.title)
            )
            box.setChecked(handout.code in chosen)
            box.toggled.connect(lambda on, code=handout.code: self._toggle(chosen, code, on, on_change))
            choices.addWidget(box, position // 2, position % 2)
            self.handouts[handout.code] = box
        choices.setColumnStretch(2, 1)
        layout.addLayout(choices, 1, 0, 1, 2)

    @staticmethod
    def _toggle(chosen: set[str], code: str, on: bool, on_change: Callable[[], None]) -> None:
        if on:
            chosen.add(code)
        else:
            chosen.discard(code)
        on_change()


class FamilyPage(WizardPage):
    key = "family"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Family contacts and handouts")

    def __init__(self, context: ViewContext, survivor: SurvivorPage, consent_page: ConsentPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        self._consent = consent_page
        self.setSubTitle(
            self.tr("Family members the program may call, with their handouts, and the survivor's handouts.")
        )
        self.contacts: list[bedside.FamilyContactInput] = []
        self.contact_handouts: list[set[str]] = []  # codes given to each contact, in the contact's language
        self.contact_rows: list[FamilyContactRow] = []
        self.catalog: list[inventory.HandoutView] = []
        self.handouts: list[inventory.HandoutView] = []  # the survivor's, in their language
        self.given: dict[str, QCheckBox] = {}  # the survivor's handouts, one copy each
        self._wanted: set[str] | None = None  # a draft's ticked handouts; None: the standard ones

        self.add_field(
            self.tr("Name"),
            rules.FAMILY_MEMBER_NAME,
            hint=self.tr("Enter adds them; with the name empty, Enter goes on"),
            accessible_name=self.tr("Family member's name"),
        )
        self.add_field(
            self.tr("Phone"), rules.FAMILY_MEMBER_PHONE, accessible_name=self.tr("Family member's phone")
        )
        self.consent_to_contact = QCheckBox(self.tr("Agrees to be contacted by the program"))
        self.consent_to_contact.setAccessibleName(self.tr("Family member agrees to be contacted"))
        self.form.addRow("", self.consent_to_contact)
        self.add_field(self.tr("Relationship"), rules.FAMILY_MEMBER_RELATIONSHIP)
        self.family_language = language_combo(self.tr("Family member's language"))
        self.form.addRow(self.tr("Language"), self.family_language)
        self.add_contact = QPushButton(self.tr("Add contact"))
        self.add_contact.setAccessibleName(self.tr("Add family contact"))
        self.add_contact.setAutoDefault(False)
        self.add_contact.clicked.connect(self.add_family_contact)
        self.form.addRow("", self.add_contact)
        contacts_box = QWidget()
        self.contacts_layout = QVBoxLayout(contacts_box)
        self.contacts_layout.setContentsMargins(0, 0, 0, 0)
        self.contacts_layout.setSpacing(4)
        self.no_contacts = QLabel(self.tr("No family contacts added yet."))
        self.no_contacts.setObjectName("hint")
        self.no_contacts.setAccessibleName(self.tr("No family contacts added yet"))
        self.contacts_layout.addWidget(self.no_contacts)
        self.add_row(
            self.tr("Contacts"), "consent_scopes", ControlRow(contacts_box, self.tr("Family contacts added"))
        )

        # One a line: two a line made the page wider than the wizard on a laptop scaled to 150 %.
        self.handout_list = QVBoxLayout()
        self.handout_list.setContentsMargins(0, 0, 0, 0)
        self.handout_list.setSpacing(2)
        handout_box = QWidget()
        handout_box.setLayout(self.handout_list)
        self.add_row(
            self.tr("Survivor's handouts"),
            "handouts",
            ControlRow(handout_box, self.tr("Handouts to give the survivor")),
        )
        self.finish_layout()

    def initializePage(self) -> None:
        self._context.tasks.run_db(
            lambda: inventory.handouts(self._context.signed_in.uow),
            on_done=self._show_handouts,
            on_error=lambda exc: self.message.show_error(message_for(exc)),
        )

    def _show_handouts(self, handouts: list[inventory.HandoutView]) -> None:
        wanted = self._ticked()
        while self.handout_list.count():
            item = self.handout_list.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        language = self._survivor.preferred_language
        self.catalog = handouts
        self.handouts = [
            h for h in handouts if h.language is language and h.audience is HandoutAudience.SURVIVOR
        ]
        self.given = {}
        for handout in self.handouts:
            box = QCheckBox(
                self.tr("{title}  ({stock} in stock)").format(title=handout.title, stock=handout.stock)
            )
            box.setAccessibleName(self.tr("Give the survivor {title}").format(title=handout.title))
            box.setChecked(handout.code in wanted)
            box.toggled.connect(lambda _on: self.edited.emit())
            self.handout_list.addWidget(box)
            self.given[handout.code] = box
        self._show_contacts()

    def _ticked(self) -> set[str]:
        if self.given:
            return {code for code, box in self.given.items() if box.isChecked()}
        return set(STANDARD_SURVIVOR_HANDOUTS) if self._wanted is None else set(self._wanted)

    def family_handouts(self, language: Language) -> list[inventory.HandoutView]:
        return [h for h in self.catalog if h.audience is HandoutAudience.FAMILY and h.language is language]

    def _show_contacts(self) -> None:
        for old in self.contact_rows:
            self.contacts_layout.removeWidget(old)
            old.hide()  # gone from the screen now, not when the event loop gets to deleting it
            old.deleteLater()
        self.contact_rows = []
        for index, (contact, chosen) in enumerate(zip(self.contacts, self.contact_handouts, strict=True)):
            contact_row = FamilyContactRow(
                contact,
                self.family_handouts(contact.language),
                chosen,
                on_change=self.edited.emit,
                on_remove=lambda index=index: self.remove_family_contact(index),
            )
            self.contacts_layout.addWidget(contact_row)
            self.contact_rows.append(contact_row)
        self.no_contacts.setVisible(not self.contacts)
        # Tab goes down the page as it reads; rows built after the survivor's handouts would come last.
        previous: QWidget = self.add_contact
        for control in [
            *(c for r in self.contact_rows for c in (r.remove, *r.handouts.values())),
            *self.given.values(),
        ]:
            QWidget.setTabOrder(previous, control)
            previous = control

    def add_family_contact(self) -> bool:
        self.clear_errors()
        problems = []
        for check in self.field_checks():
            try:
                check()
            except ValidationError as exc:
                problems.append(exc)
        for exc in reversed(problems):
            self.show_error(exc)
        if problems:
            return False
        language = Language(self.family_language.currentData())
        self.contacts.append(
            bedside.FamilyContactInput(
                name=self.text("family_member_name").strip(),
                relationship=self.text("family_member_relationship").strip(),
                phone=self.text("family_member_phone"),
                language=language,
                consent_to_contact=self.consent_to_contact.isChecked(),
            )
        )
        standard = {h.code for h in self.family_handouts(language) if h.code in STANDARD_FAMILY_HANDOUTS}
        self.contact_handouts.append(standard)
        self._show_contacts()
        self.edited.emit()
        for field in ("family_member_name", "family_member_relationship", "family_member_phone"):
            self.edit(field).clear()
        self.consent_to_contact.setChecked(False)
        self.first_field().setFocus()
        return True

    def first_field(self) -> QLineEdit:
        return self.edit("family_member_name")

    def remove_family_contact(self, index: int) -> None:
        if 0 <= index < len(self.contacts):
            del self.contacts[index]
            del self.contact_handouts[index]
            self._show_contacts()
            self.edited.emit()
            self.first_field().setFocus()

    def title_of(self, code: str) -> str:
        return next((h.title for h in self.handouts if h.code == code), code)

    def handout_requests(self) -> tuple[bedside.HandoutRequest, ...]:
        """The survivor's own handouts, a copy of each ticked one."""
        language = self._survivor.preferred_language
        return tuple(bedside.HandoutRequest(code, language) for code in sorted(self._ticked()))

    def family_contacts(self) -> tuple[bedside.FamilyContactInput, ...]:
        return tuple(
            replace(
                contact,
                handouts=tuple(bedside.HandoutRequest(code, contact.language) for code in sorted(chosen)),
            )
            for contact, chosen in zip(self.contacts, self.contact_handouts, strict=True)
        )

    def _check_stock(self) -> None:
        """Stock is shared: the survivor's copies and each family member's add up."""
        wanted: Counter[tuple[str, Language]] = Counter()
        requests = [*self.handout_requests(), *(r for c in self.family_contacts() for r in c.handouts)]
        for request in requests:
            wanted[(request.code, request.language)] += request.quantity
        for handout in self.catalog:
            quantity = wanted[(handout.code, handout.language)]
            if quantity > 0:
                check_handout_stock(handout.stock, quantity, handout.title)

    def validatePage(self) -> bool:
        if self.text("family_member_name").strip():  # Enter with a name typed adds them, and stays
            self.add_family_contact()
            return False
        return super().validatePage()

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: consent.check_covers(
                self._consent.chosen_scopes(),
                family_contacted=any(c.consent_to_contact for c in self.contacts),
            ),
            self._check_stock,
        )

    def state(self) -> State:
        typed = ("family_member_name", "family_member_relationship", "family_member_phone")
        return text_state(self.rows, typed) | {
            "contacts": [
                {
                    "name": c.name,
                    "relationship": c.relationship,
                    "phone": c.phone,
                    "language": c.language.value,
                    "consent_to_contact": c.consent_to_contact,
                    "handouts": sorted(chosen),
                }
                for c, chosen in zip(self.contacts, self.contact_handouts, strict=True)
            ],
            "handouts": sorted(self._ticked()),
        }

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        self.contacts.clear()
        self.contact_handouts.clear()
        for entry in state.get("contacts", ()):
            self.contacts.append(
                bedside.FamilyContactInput(
                    name=str(entry.get("name", "")),
                    relationship=str(entry.get("relationship", "")),
                    phone=str(entry.get("phone", "")),
                    language=Language(entry.get("language", Language.EN.value)),
                    consent_to_contact=bool(entry.get("consent_to_contact")),
                )
            )
            self.contact_handouts.append({str(code) for code in entry.get("handouts", ())})
        self._show_contacts()
        handouts = state.get("handouts")
        self._wanted = {str(code) for code in handouts} if isinstance(handouts, list) else None
        for code, box in self.given.items():
            box.setChecked(
                (self._wanted is None and code in STANDARD_SURVIVOR_HANDOUTS) or code in (self._wanted or ())
            )
