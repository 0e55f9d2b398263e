"""The new-encounter wizard: survivor (where they live, the programs there) → incident → consent (the
survivor signs on a screen of their own) → personal phone (residents) → burner phone and bag → family and
handouts → review → save → print. A step list on the left says where the detective is; Enter goes on.
A licence scanned anywhere in the wizard fills the survivor page (scanner.py).

Every page change, and a pause while typing, keeps the wizard's state as a draft in the vault (on the DB
executor). When the main window closes for a lock, the wizard queues its draft before the shell queues
the lock; the executor runs in order, so the draft is in the vault before the vault closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
    QWizard,
)

from burner_desk.domain.aamva import LicenceHolder
from burner_desk.domain.consent import SignedHow
from burner_desk.domain.dates import us_date, us_moment
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.ids import new_id
from burner_desk.domain.residency import Branch, jurisdiction_name
from burner_desk.services import bedside, drafts
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.consent import SCOPE_LABELS, SIGNED_LABELS, ConsentPage
from burner_desk.ui.encounter.family import FamilyPage
from burner_desk.ui.encounter.fields import State, WizardPage
from burner_desk.ui.encounter.handover import HandoverPage
from burner_desk.ui.encounter.incident import IncidentPage
from burner_desk.ui.encounter.personal_phone import PersonalPhonePage
from burner_desk.ui.encounter.review import PrintQueuePage, ReviewGroup, ReviewPage, documents_to_print
from burner_desk.ui.encounter.scanner import LicenceScanner
from burner_desk.ui.encounter.survivor import SurvivorPage
from burner_desk.ui.errors import message_for
from burner_desk.ui.i18n import translated
from burner_desk.ui.style import current_theme
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.moments import time_or_day
from burner_desk.ui.widgets.numbers import number
from burner_desk.ui.widgets.screen_fit import fit_to_screen

DRAFT_PAUSE_MS = 2000  # typing pause before the draft is kept; a page change keeps it at once
DRAFT_VERSION = 2  # 2: residency on the survivor page, one page for the burner phone and the bag
RESIDENT_ONLY = ("personal_phone",)
WIZARD_SIZE = (1200, 700)  # fits a 1366×768 laptop screen with the taskbar
STEP_NAMES = {
    "survivor": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Survivor"),
    "incident": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Incident"),
    "consent": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Consent"),
    "personal_phone": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Personal phone"),
    "handover": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Phone and bag"),
    "family": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Family, handouts"),
    "review": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Review and save"),
    "print": QT_TRANSLATE_NOOP("ui.encounter.wizard", "Print"),
}
PAGE_KEYS = tuple(STEP_NAMES)  # the pages in order; a page's id in the wizard is its index here


class EncounterWizard(QWizard):
    """Emits `saved(EncounterView)` once the encounter is in the vault."""

    saved = Signal(object)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setObjectName("encounterWizard")
        self.setWindowTitle(self.tr("New encounter"))
        self.setAccessibleName(self.tr("New encounter wizard"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        fit_to_screen(self, *WIZARD_SIZE)
        for button, name in (
            (QWizard.WizardButton.NextButton, self.tr("Next page")),
            (QWizard.WizardButton.BackButton, self.tr("Previous page")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel the new encounter")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CommitButton, self.tr("Save encounter")),
        ):
            self.button(button).setAccessibleName(name)

        # Only the first page is built with the wizard; the others follow, one per turn of the event loop
        # (_build_next_page), so that opening it is one short turn. Whatever needs a page sooner (Next, a
        # draft resumed, a test) builds it, and those before it, right then (_page).
        self.survivor = SurvivorPage(context)
        self._pages: dict[str, WizardPage] = {}
        self._builders: dict[str, Callable[[], WizardPage]] = {
            "survivor": lambda: self.survivor,
            "incident": lambda: IncidentPage(context.now, context.settings),
            "consent": lambda: ConsentPage(context, self.survivor),
            "personal_phone": lambda: PersonalPhonePage(context),
            "handover": lambda: HandoverPage(context, self.survivor),
            "family": lambda: FamilyPage(context, self.survivor, self.consent),
            "review": lambda: ReviewPage(self.review_groups, self.save, self.edit_page),
            "print": self._print_queue_page,
        }
        self._page_builder = QTimer(self)
        self._page_builder.setSingleShot(True)
        # 1 ms, not 0: a zero timer or a posted call may run again before the timers already due, so
        # two pages could be built back to back; with 1 ms whatever else waits runs between two pages.
        self._page_builder.setInterval(1)
        self._page_builder.timeout.connect(self._build_next_page)
        self.steps = QLabel()
        self.steps.setObjectName("wizardSteps")
        self.steps.setAccessibleName(self.tr("Steps"))
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # As wide as the longest step shown current (bold), in whichever language the names are.
        bold = QFont(self.steps.font())
        bold.setBold(True)
        longest = max(
            QFontMetrics(bold).horizontalAdvance(
                f"▶ {number(step)}. {translated('ui.encounter.wizard', name)}"
            )
            for step, name in enumerate(STEP_NAMES.values(), start=1)
        )
        self.steps.setMinimumWidth(max(175, longest + 24))  # + the label's side margins
        self.steps.setContentsMargins(6, 16, 14, 6)
        self.setSideWidget(self.steps)
        self.currentIdChanged.connect(lambda _id: self._on_page())
        self.survivor.advance.connect(self._survivor_ready)
        self.scanner = LicenceScanner(self, self._licence_scanned, self._licence_unreadable)
        self._show_steps()

        self.draft_id = new_id()
        self.started_at = context.now()
        self.encounter: bedside.EncounterView | None = None
        self.offered: drafts.DraftView | None = None
        self._dirty = False  # typed since the draft was last queued
        self._typed = False  # typed at all: only then is there a draft to keep or discard
        self._saving = False
        self._build_draft_offer()
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.keep_draft)
        self._build_next_page()  # the survivor page; each page starts the timer for the next
        self.currentIdChanged.connect(lambda _id: self.keep_draft())
        self._window = parent.window() if parent is not None else None
        if self._window is not None:
            self._window.installEventFilter(self)
        self.cancel_box: QMessageBox | None = None

        uow, actor = context.signed_in.uow, context.signed_in.actor
        context.tasks.run_db(
            lambda: bedside.jurisdictions(uow), on_done=self._alive(self.survivor.set_jurisdictions)
        )
        context.tasks.run_db(
            lambda: drafts.latest(uow, actor, drafts.ENCOUNTER), on_done=self._alive(self._offer_draft)
        )

    # --- the pages --------------------------------------------------------------------------------

    def _build_next_page(self) -> None:
        if len(self._pages) == len(PAGE_KEYS):
            return
        key = PAGE_KEYS[len(self._pages)]
        page = self._builders[key]()
        self.setPage(len(self._pages), page)
        self._pages[key] = page
        self._watch_edits(page)
        self._page_builder.start()

    def _page(self, key: str) -> WizardPage:
        """The page `key`, built now, with those before it, if its turn has not come yet."""
        while key not in self._pages:
            self._build_next_page()
        return self._pages[key]

    def _build_all_pages(self) -> None:
        self._page(PAGE_KEYS[-1])

    @property
    def pages(self) -> dict[str, WizardPage]:
        """Every page, in order (the ones still waiting for their turn are built now)."""
        self._build_all_pages()
        return self._pages

    def _print_queue_page(self) -> PrintQueuePage:
        page = PrintQueuePage(self._context, self.documents)
        page.finished_printing.connect(self._printed)
        return page

    @property
    def incident(self) -> IncidentPage:
        return cast(IncidentPage, self._page("incident"))

    @property
    def consent(self) -> ConsentPage:
        return cast(ConsentPage, self._page("consent"))

    @property
    def personal_phone(self) -> PersonalPhonePage:
        return cast(PersonalPhonePage, self._page("personal_phone"))

    @property
    def handover(self) -> HandoverPage:
        return cast(HandoverPage, self._page("handover"))

    @property
    def family(self) -> FamilyPage:
        return cast(FamilyPage, self._page("family"))

    @property
    def review(self) -> ReviewPage:
        return cast(ReviewPage, self._page("review"))

    @property
    def print_queue(self) -> PrintQueuePage:
        return cast(PrintQueuePage, self._page("print"))

    # --- for the screenshot script and tests ------------------------------------------------------

    def pageIds(self) -> list[int]:
        """QWizard's, with every page built first (the screenshots and the language tour go through them)."""
        self._build_all_pages()
        return super().pageIds()

    def page_ids(self) -> list[str]:
        return list(PAGE_KEYS)

    def show_page(self, key: str) -> None:
        """Open a page directly, without checking the ones before it (screenshots)."""
        self._page(key)
        self.setStartId(self.page_ids().index(key))
        self.restart()

    def current_key(self) -> str:
        page = self.currentPage()
        return page.key if isinstance(page, WizardPage) else ""

    # --- navigation -------------------------------------------------------------------------------

    def path(self) -> list[str]:
        """The pages this encounter goes through, in order (a non-resident's has no phone swap)."""
        resident = self.survivor.branch is Branch.RESIDENT
        return [key for key in PAGE_KEYS if resident or key not in RESIDENT_ONLY]

    def _show_steps(self) -> None:
        current = self.current_key()
        muted = current_theme().muted.name()  # the palette's, 4.5:1 in light and dark alike
        lines = []
        for step, key in enumerate(self.path(), start=1):
            name = f"{number(step)}. {translated('ui.encounter.wizard', STEP_NAMES[key])}"
            lines.append(
                f"<b>▶ {name}</b>" if key == current else f"<span style='color:{muted}'>{name}</span>"
            )
        self.steps.setText("<br><br>".join(lines))
        position = self.path().index(current) + 1 if current in self.path() else 0
        self.steps.setAccessibleDescription(
            self.tr("Step {position} of {len}: {get}").format(
                position=number(position),
                len=number(len(self.path())),
                get=translated("ui.encounter.wizard", STEP_NAMES[current]) if current in STEP_NAMES else "",
            )
        )

    def _on_page(self) -> None:
        self._show_steps()
        if self.current_key() == PrintQueuePage.key:
            # After the save there is nothing to cancel: only Close (Enter prints first).
            self.setOption(QWizard.WizardOption.NoCancelButton, True)
            self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
            self.button(QWizard.WizardButton.FinishButton).setAccessibleName(
                self.tr("Close the new encounter")
            )
            self.print_queue.take_enter(self.button(QWizard.WizardButton.FinishButton))

    def _printed(self) -> None:
        self.button(QWizard.WizardButton.FinishButton).setFocus()  # printed: Enter now closes

    def _survivor_ready(self) -> None:
        if self.currentPage() is self.survivor:
            self.next()

    def _licence_scanned(self, holder: LicenceHolder) -> None:
        self.survivor.fill_from_licence(holder)
        page = self.currentPage()
        if page is not self.survivor and isinstance(page, WizardPage):
            page.message.show_info(self.tr("A licence was scanned: the survivor page is filled in from it."))

    def _licence_unreadable(self, why: str) -> None:
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.message.show_error(
                self.tr("The card could not be read ({why}). Type the details instead.").format(why=why)
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scanner.start()
        if self.offer.isVisibleTo(self):  # Enter resumes: the offer is the first thing to answer
            self.resume_button.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner.stop()
        super().hideEvent(event)

    def validateCurrentPage(self) -> bool:
        self._build_all_pages()  # Next goes to the page after this one: it must exist by then
        return super().validateCurrentPage()

    def nextId(self) -> int:
        ids = self.page_ids()
        current = self.currentId()
        if current < 0 or current + 1 >= len(ids):
            return -1
        following = current + 1
        if self.survivor.branch is Branch.NON_RESIDENT:
            while ids[following] in RESIDENT_ONLY:  # no phone swap and no bag outside Alexandria
                following += 1
        return following

    def edit_page(self, key: str) -> None:
        """Back through the pages visited until `key`: what Back would do, in one go."""
        target = self.page_ids().index(key)
        while self.currentId() != target and target in self.visitedIds():
            self.back()

    # --- the encounter ----------------------------------------------------------------------------

    def encounter_input(self) -> bedside.EncounterInput:
        resident = self.survivor.branch is Branch.RESIDENT
        return bedside.EncounterInput(
            person=self.survivor.value(),
            incident=self.incident.value(),
            consent=self.consent.value(),
            hospital=self.incident.text("hospital"),
            personal_phone=self.personal_phone.value() if resident else None,
            burner_phone=self.handover.burner_phone(),
            recovery_bag=self.handover.recovery_bag(),
            handouts=self.family.handout_requests(),
            family_contacts=self.family.family_contacts(),
            referral_resource_ids=self.survivor.chosen_ids(),
            started_at=self.started_at,
        )

    def save(self) -> bool:
        """The review page's Save: record on the DB executor, then move on to the print queue."""
        if self.encounter is not None:
            return True
        if self._saving:
            return False
        try:
            data = self.encounter_input()
        except ValidationError as exc:
            self._save_failed(exc)
            return False
        self._saving = True
        self.draft_timer.stop()
        self.review.set_busy(True)
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        self._context.tasks.run_db(
            lambda: bedside.record_encounter(uow, actor, data, now),
            on_done=self._alive(self._saved),
            on_error=self._alive(self._save_failed),
        )
        return False

    def _saved(self, view: bedside.EncounterView) -> None:
        self._saving = False
        self.encounter = self.print_queue.encounter = view
        self.review.set_busy(False)
        self._discard_draft(self.draft_id)  # the encounter is in the vault: its draft has done its job
        self.saved.emit(view)
        self.next()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.review.set_busy(False)
        if not isinstance(exc, ValidationError):
            self.review.message.show_error(message_for(exc))
            return
        owner = next((page for page in self.pages.values() if page.owns(exc.field)), None)
        if owner is None or owner.key not in self._visited_keys():
            self.review.message.show_error(message_for(exc))
            return
        self.edit_page(owner.key)
        owner.show_error(exc)

    def _visited_keys(self) -> set[str]:
        ids = self.page_ids()
        return {ids[page_id] for page_id in self.visitedIds()}

    def review_groups(self) -> list[ReviewGroup]:
        data = self.encounter_input()
        person, incident, consent = data.person, data.incident, data.consent
        groups = [
            ReviewGroup(
                self.tr("Survivor"),
                "survivor",
                (
                    f"{person.given_name} {person.family_name}",
                    self.tr("Born {value} · {value2}").format(
                        value=us_date(person.date_of_birth) if person.date_of_birth else self.tr("unknown"),
                        value2=translated("ui.widgets.languages", LANGUAGE_NAMES[person.preferred_language]),
                    ),
                    self.tr("Phone {value} · lives in {jurisdiction_name}").format(
                        value=person.phone or self.tr("none"),
                        jurisdiction_name=jurisdiction_name(self.survivor.jurisdiction),
                    ),
                    self.tr("Referred to ")
                    + ("; ".join(self.survivor.chosen_names()) or self.tr("the default programs")),
                ),
            ),
            ReviewGroup(
                self.tr("Incident"),
                "incident",
                (
                    us_moment(incident.occurred_at.astimezone())
                    + " · "
                    + (incident.address or self.tr("place not given")),
                    self.tr("Naloxone doses {naloxone_doses} · {value}").format(
                        naloxone_doses=number(incident.naloxone_doses),
                        value=incident.suspected_substance or self.tr("substance unknown"),
                    ),
                    (incident.responding_agency or self.tr("agency not given")) + f" · {data.hospital}",
                ),
            ),
            ReviewGroup(
                self.tr("Consent"),
                "consent",
                (
                    translated("ui.encounter.consent", SIGNED_LABELS[consent.signed_how])
                    + (
                        self.tr(" (form {form_number})").format(form_number=consent.form_number)
                        if consent.form_number
                        else ""
                    ),
                    *(
                        translated("ui.encounter.consent", SCOPE_LABELS[scope])
                        for scope in SCOPE_LABELS
                        if scope in consent.scopes
                    ),
                ),
            ),
        ]
        if data.personal_phone is not None:
            phone = data.personal_phone
            groups.append(
                ReviewGroup(
                    self.tr("Personal phone"),
                    "personal_phone",
                    (
                        self.tr("Receipt {property_receipt_no} · {make} {model} {colour}").format(
                            property_receipt_no=phone.property_receipt_no,
                            make=phone.make,
                            model=phone.model,
                            colour=phone.colour,
                        ),
                        self.tr("IMEI {value} · {value2}").format(
                            value=phone.imei or self.tr("not shown"),
                            value2=phone.condition or self.tr("condition not noted"),
                        ),
                    ),
                )
            )
        found = self.handover.found
        burner = (
            self.tr("Burner phone {asset_tag} · {phone_number}").format(
                asset_tag=found.asset_tag, phone_number=found.phone_number
            )
            if found
            else self.tr("No burner phone")
        )
        bag = (
            self.tr("Bag {recovery_bag}").format(recovery_bag=data.recovery_bag)
            if data.recovery_bag
            else self.tr("No bag (none in stock)")
        )
        groups.append(ReviewGroup(self.tr("Burner phone and bag"), "handover", (burner, bag)))
        family = [
            self.tr("{name} ({relationship}) · %n handout(s)", "", len(c.handouts)).format(
                name=c.name, relationship=c.relationship or self.tr("family")
            )
            for c in data.family_contacts
        ]
        handouts = [self.family.title_of(r.code) for r in data.handouts]
        groups.append(
            ReviewGroup(
                self.tr("Family and handouts"),
                "family",
                (
                    ", ".join(family) or self.tr("No family contacts"),
                    self.tr("Survivor: ") + (", ".join(handouts) or self.tr("no handouts")),
                ),
            )
        )
        return groups

    def documents(self) -> list[str]:
        return documents_to_print(
            self.survivor.branch,
            self.survivor.preferred_language,
            family=bool(self.family.contacts),
            personal_phone=self.survivor.branch is Branch.RESIDENT,
            bag=bool(self.handover.recovery_bag()),
            consent=self.consent.value().signed_how is not SignedHow.DECLINED,
        )

    # --- the draft --------------------------------------------------------------------------------

    def draft_state(self) -> State:
        return {
            "version": DRAFT_VERSION,
            "page": self.current_key(),
            "pages": {key: page.state() for key, page in self.pages.items()},
        }

    def restore_draft(self, payload: dict[str, Any]) -> None:
        pages = payload.get("pages", {})
        for key, page in self.pages.items():
            state = pages.get(key)
            if isinstance(state, dict):
                page.restore(state)

    def keep_draft(self) -> None:
        """Queue the draft on the DB executor if anything was typed since the last one."""
        self.draft_timer.stop()
        if not self._dirty or self._saving or self.encounter is not None:
            return
        self._dirty = False
        uow, actor, now = self._context.signed_in.uow, self._context.signed_in.actor, self._context.now()
        draft_id, payload = self.draft_id, self.draft_state()
        self._context.tasks.run_db(
            lambda: drafts.save(uow, actor, draft_id, drafts.ENCOUNTER, payload, now),
            on_error=self._alive(self._draft_failed),
        )

    def _draft_failed(self, exc: BaseException) -> None:
        page = self.currentPage()
        if isinstance(page, WizardPage):
            page.message.show_error(
                self.tr("The draft could not be kept: {message_for}").format(message_for=message_for(exc))
            )

    def _discard_draft(self, draft_id: Any) -> None:
        uow, actor = self._context.signed_in.uow, self._context.signed_in.actor
        self._context.tasks.run_db(lambda: drafts.discard(uow, actor, draft_id))

    def _build_draft_offer(self) -> None:
        self.offer = QWidget()
        self.offer.setObjectName("draftOffer")
        self.offer_label = QLabel()
        self.offer_label.setObjectName("banner")
        self.offer_label.setAccessibleName(self.tr("Unfinished encounter"))
        self.offer_label.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setAccessibleName(self.tr("Resume the unfinished encounter"))
        self.resume_button.clicked.connect(self.resume_offered)
        self.discard_button = QPushButton(self.tr("Discard it"))
        self.discard_button.setAccessibleName(self.tr("Discard the unfinished encounter"))
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.discard_offered)
        layout = QHBoxLayout(self.offer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offer_label, 1)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.discard_button)
        self.offer.hide()
        self.survivor.outer.insertWidget(0, self.offer)

    def _offer_draft(self, draft: drafts.DraftView | None) -> None:
        if draft is None or draft.draft_id == self.draft_id:
            return
        self.offered = draft
        self.offer_label.setText(
            self.tr("Resume the encounter you started at {time_or_day}?").format(
                time_or_day=time_or_day(draft.created_at)
            )
        )
        self.offer.show()

    def resume_offered(self) -> None:
        draft, self.offered = self.offered, None
        self._close_offer()
        if draft is None:
            return
        self.restore_draft(draft.payload)
        self.draft_id = draft.draft_id  # keep saving onto the same draft
        self._resume_to(str(draft.payload.get("page", "")), waited=frozenset())

    def _resume_to(self, key: str, waited: frozenset[str]) -> None:
        reached = self.go_to(key)
        page = self.currentPage()
        assert isinstance(page, WizardPage)
        if not reached and page.waiting and page.key not in waited:
            # The page's look-up (the burner phone, the bags) is still on the DB executor: go on when
            # it lands, once per page, so a look-up that fails stops here with its reason.
            page.settled.connect(
                lambda: self._resume_on(page, key, waited | {page.key}),
                Qt.ConnectionType.SingleShotConnection,
            )
            return
        if reached:
            page.message.show_info(
                self.tr("Resumed where you stopped, as it was typed. Back shows the pages before.")
            )
        elif page.message.isHidden():  # a field here shows why the way on stopped, or the phone is looked up
            page.message.show_info(
                self.tr("Resumed as it was typed. Check this page, then press Enter to go on.")
            )

    def _resume_on(self, page: WizardPage, key: str, waited: frozenset[str]) -> None:
        if shiboken6.isValid(self) and self.currentPage() is page:  # not if the detective moved on
            self._resume_to(key, waited)

    def go_to(self, key: str) -> bool:
        """Forward through the pages to `key`, each checked as Next checks it: a page that no longer
        passes (a phone issued since, a bag gone) stops the way there and shows why."""
        if key not in PAGE_KEYS or key == PrintQueuePage.key:
            return False
        while self.current_key() != key:
            before = self.currentId()
            if self.currentPage() is self.review:  # going on from the review would save
                return False
            self.next()
            if self.currentId() == before:
                return False
        return True

    def discard_offered(self) -> None:
        draft, self.offered = self.offered, None
        self._close_offer()
        if draft is not None:
            self._discard_draft(draft.draft_id)

    def _close_offer(self) -> None:
        self.offer.hide()
        # Focus made Resume the default button; give Enter back to Next.
        self.resume_button.setDefault(False)
        self.button(QWizard.WizardButton.NextButton).setDefault(True)
        self.survivor.first_field().setFocus()

    def _watch_edits(self, page: WizardPage) -> None:
        page.edited.connect(self._edited)
        for edit in page.findChildren(QLineEdit):
            edit.textEdited.connect(self._edited)
        for button in page.findChildren(QAbstractButton):
            button.clicked.connect(self._edited)
        for combo in page.findChildren(QComboBox):
            combo.activated.connect(self._edited)
        for spin in page.findChildren(QSpinBox):
            spin.valueChanged.connect(self._edited)
        for moment in page.findChildren(QDateTimeEdit):
            moment.dateTimeChanged.connect(self._edited)
        for checklist in page.findChildren(QListWidget):
            checklist.itemChanged.connect(self._edited)

    def _edited(self, *_args: object) -> None:
        self._dirty = self._typed = True
        self.draft_timer.start()

    # --- closing: Esc, the window's close button, and a lock ----------------------------------------

    def reject(self) -> None:
        """Esc: after a save, close (asking once if nothing was printed); otherwise ask whether to keep
        the draft."""
        if self.encounter is not None or self._saving:
            if self.encounter is not None and self.print_queue.may_close():
                super().reject()
            return
        if not self._typed:  # nothing to keep
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Leave the new encounter?"),
            self.tr("Keep what you typed as a draft, to finish later?"),
            parent=self,
        )
        box.setAccessibleName(self.tr("Leave the new encounter"))
        self.keep_button = box.addButton(self.tr("Keep the draft"), QMessageBox.ButtonRole.AcceptRole)
        self.discard_draft_button = box.addButton(
            self.tr("Discard it"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.continue_button = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.RejectRole)
        for button, name in (
            (self.keep_button, self.tr("Keep the draft")),
            (self.discard_draft_button, self.tr("Discard the draft")),
            (self.continue_button, self.tr("Continue the encounter")),
        ):
            button.setAccessibleName(name)
        box.setDefaultButton(self.keep_button)
        box.setEscapeButton(self.continue_button)
        box.buttonClicked.connect(self._leave)
        self.cancel_box = box
        box.open()

    def _leave(self, button: QAbstractButton) -> None:
        self.cancel_box = None
        if button is self.continue_button:
            return
        if button is self.keep_button:
            self.keep_draft()
        else:
            self._dirty = False
            self.draft_timer.stop()
            self._discard_draft(self.draft_id)
        super().reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            # A lock or quit: the draft is queued now, ahead of the lock the shell queues next, and
            # nothing of the survivor's stays on screen.
            self.keep_draft()
            self.hide()
        return False

    def _alive(self, callback: Any) -> Any:
        """Results may come back after a lock has deleted the wizard; then there is nobody to tell."""

        def deliver(*args: object) -> None:
            if shiboken6.isValid(self):
                callback(*args)

        return deliver
