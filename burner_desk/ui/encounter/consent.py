"""The consent page: what the survivor agrees may be shared (42 CFR Part 2), with whom (the programs they
are referred to), until when, and how they signed. Declining, or agreeing to part, never stops the
encounter (domain/consent.py). Signing on screen hands the laptop to the survivor (signing.py); anything
changed after that clears the signature, so what was signed is what is kept."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import bedside as rules
from burner_desk.domain import consent
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.dates import US_DATE_HINT, parse_us_date, us_date
from burner_desk.domain.errors import ValidationError
from burner_desk.services import bedside
from burner_desk.ui.context import ViewContext
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.encounter.signing import SigningScreen
from burner_desk.ui.encounter.survivor import SurvivorPage
from burner_desk.ui.i18n import shown, translated
from burner_desk.ui.widgets.flow_layout import FlowLayout
from burner_desk.ui.widgets.messages import FieldRow

# In the order a detective asks; the form prints them in its own order.
SCOPE_LABELS = {
    ConsentScope.CONTACT_INFO: QT_TRANSLATE_NOOP(
        "ui.encounter.consent", "Name and phone to the treatment program, so it can call them"
    ),
    ConsentScope.FAMILY_CONTACT: QT_TRANSLATE_NOOP(
        "ui.encounter.consent", "The program may talk to the family members named"
    ),
    ConsentScope.REFERRAL_STATUS: QT_TRANSLATE_NOOP("ui.encounter.consent", "Whether they took up treatment"),
    ConsentScope.TREATMENT_OUTCOME: QT_TRANSLATE_NOOP(
        "ui.encounter.consent", "The follow-up outcome, back to the police"
    ),
}
SIGNED_LABELS = {
    SignedHow.ON_SCREEN: QT_TRANSLATE_NOOP("ui.encounter.consent", "Signs on this screen"),
    SignedHow.ON_PAPER: QT_TRANSLATE_NOOP("ui.encounter.consent", "Signed the paper form"),
    SignedHow.DECLINED: QT_TRANSLATE_NOOP("ui.encounter.consent", "Declined"),
}
REACH_WITHOUT_CONTACT = QT_TRANSLATE_NOOP(
    "ui.encounter.consent",
    "Without their name and phone, the program may still call the burner phone it programmed; nothing else is shared. They still get the phone (residents), the bag, the handouts and the referral sheet.",
)


class ConsentPage(WizardPage):
    key = "consent"
    title_text = QT_TRANSLATE_NOOP("WizardPage", "Consent")
    TEXT = ("consent_form_number", "consent_expires_on", "consent_discloser", "consent_purpose")

    def __init__(self, context: ViewContext, survivor: SurvivorPage) -> None:
        super().__init__()
        self._context = context
        self._survivor = survivor
        self.setSubTitle(
            self.tr(
                "42 CFR Part 2: what the survivor agrees may be shared. Declining, or agreeing to part, still gets them every kind of help."
            )
        )
        scopes = QWidget()
        scopes_layout = QVBoxLayout(scopes)
        scopes_layout.setContentsMargins(0, 0, 0, 0)
        scopes_layout.setSpacing(2)
        self.scopes: dict[ConsentScope, QCheckBox] = {}
        for scope, marked in SCOPE_LABELS.items():
            label = translated("ui.encounter.consent", marked)
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.toggled.connect(self._scopes_changed)
            scopes_layout.addWidget(box)
            self.scopes[scope] = box
        self.add_row(
            self.tr("May share"), "consent_scopes", ControlRow(scopes, self.tr("What may be shared"))
        )
        self.recipient = QLabel()
        self.recipient.setWordWrap(True)
        self.recipient.setAccessibleName(self.tr("To whom: the programs referred"))
        self.form.addRow(self.tr("With"), self.recipient)

        how = QWidget()
        how_layout = FlowLayout(how)  # the three choices wrap where a line cannot hold them (es at 150 %)
        self.signed_how = QButtonGroup(self)
        self.how_buttons: dict[SignedHow, QRadioButton] = {}
        for signed, marked in SIGNED_LABELS.items():
            label = translated("ui.encounter.consent", marked)
            button = QRadioButton(label)
            button.setAccessibleName(label)
            self.signed_how.addButton(button)
            self.how_buttons[signed] = button
            how_layout.addWidget(button)
        self.how_buttons[SignedHow.ON_SCREEN].setChecked(True)
        self.form.addRow(self.tr("How"), how)

        # The state on a line of its own (it wraps), the buttons under it: side by side they were wider than
        # the page on a laptop scaled to 150 %.
        signature = QWidget()
        signature_layout = QVBoxLayout(signature)
        signature_layout.setContentsMargins(0, 0, 0, 0)
        signature_buttons = QHBoxLayout()
        self.signature_label = QLabel()
        self.signature_label.setWordWrap(True)
        self.signature_label.setAccessibleName(self.tr("Signature"))
        self.sign_button = QPushButton(self.tr("Hand over to sign…"))
        self.sign_button.setAccessibleName(self.tr("Open the signing screen for the survivor"))
        self.sign_button.setAutoDefault(False)
        self.sign_button.clicked.connect(self.open_signing)
        self.clear_pad = QPushButton(self.tr("Clear"))
        self.clear_pad.setAccessibleName(self.tr("Clear the signature"))
        self.clear_pad.setAutoDefault(False)
        self.clear_pad.clicked.connect(lambda: self._clear_signature(""))
        signature_layout.addWidget(self.signature_label)
        signature_layout.addLayout(signature_buttons)
        signature_buttons.addWidget(self.sign_button)
        signature_buttons.addWidget(self.clear_pad)
        signature_buttons.addStretch()
        signature_row = ControlRow(signature, self.tr("Signature"))
        # A fixed height would be the one-line height: the state wrapped onto a second line under-reports it.
        signature_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.add_row(self.tr("Signature"), "consent_signature", signature_row)
        self.add_field(
            self.tr("Paper form no."), rules.CONSENT_FORM_NUMBER, accessible_name=self.tr("Paper form number")
        )
        self.expires = FieldRow(
            self.tr("Consent ends on"),
            hint=self.tr("{US_DATE_HINT}; a year unless the survivor chooses").format(
                US_DATE_HINT=shown(US_DATE_HINT)
            ),
        )
        self.add_row(self.tr("Ends on"), "consent_expires_on", self.expires)
        self.add_field(self.tr("Who may disclose"), rules.CONSENT_DISCLOSER)
        self.add_field(self.tr("Purpose"), rules.CONSENT_PURPOSE)
        self.edit("consent_discloser").setText(context.signed_in.agency)
        self.signed_how.buttonToggled.connect(lambda _button, _on: self._show_how())
        for field in ("consent_expires_on", "consent_discloser", "consent_purpose"):
            self.edit(field).textEdited.connect(
                lambda _text: self._clear_signature(self.tr("The wording changed"))
            )
        self.reach = QLabel()
        self.reach.setObjectName("hint")
        self.reach.setWordWrap(True)
        self.reach.setAccessibleName(self.tr("What declining means"))
        self.outer.addWidget(self.reach)

        self._signature: bytes | None = None
        self._signed_for: tuple[bedside.ConsentDraft, str] | None = None  # what the survivor saw
        self._purpose_lang = ""  # the language the default purpose is in, while untouched
        self._show_how()
        self.finish_layout()

    def initializePage(self) -> None:
        today = self._context.now().astimezone().date()
        if not self.expires.text().strip():
            self.expires.edit.setText(us_date(consent.default_expiry(today)))
        lang = self._survivor.preferred_language.value
        purpose = self.edit("consent_purpose")
        if not purpose.text().strip() or (
            self._purpose_lang and purpose.text() == bedside.consent_purpose(self._purpose_lang)
        ):
            purpose.setText(bedside.consent_purpose(lang))
            self._purpose_lang = lang
        self.recipient.setText(
            "; ".join(self._survivor.chosen_names()) or self.tr("The programs on the survivor page")
        )
        if (
            self._signed_for is not None
            and self._signature is not None
            and self._signed_for != self._signing_key()
        ):
            self._clear_signature(self.tr("The survivor's details or programs changed"))
        self._show_signature()

    # --- what is asked --------------------------------------------------------------------------------

    @property
    def how(self) -> SignedHow:
        return next((s for s, b in self.how_buttons.items() if b.isChecked()), SignedHow.ON_SCREEN)

    def chosen_scopes(self) -> frozenset[ConsentScope]:
        if self.how is SignedHow.DECLINED:
            return frozenset()
        return frozenset(scope for scope, box in self.scopes.items() if box.isChecked())

    def _show_how(self) -> None:
        how = self.how
        for box in self.scopes.values():
            box.setEnabled(how is not SignedHow.DECLINED)
        self.rows["consent_signature"].setEnabled(how is SignedHow.ON_SCREEN)
        self.rows["consent_form_number"].setEnabled(how is SignedHow.ON_PAPER)
        self.rows["consent_expires_on"].setEnabled(how is not SignedHow.DECLINED)
        self.rows["consent_scopes"].clear_error()
        self._show_reach()

    def _show_reach(self) -> None:
        self.reach.setText(
            ""
            if ConsentScope.CONTACT_INFO in self.chosen_scopes()
            else translated("ui.encounter.consent", REACH_WITHOUT_CONTACT)
        )

    def _scopes_changed(self) -> None:
        self.rows["consent_scopes"].clear_error()
        self._show_reach()
        self._clear_signature(self.tr("The scopes changed"))

    def expires_on(self) -> date | None:
        if self.how is SignedHow.DECLINED:
            return None
        expires = parse_us_date(
            self.expires.text(), "consent_expires_on", self._context.now().astimezone().date()
        )
        consent.check_expiry(expires, self._context.now().astimezone().date())
        return expires

    # --- the signature --------------------------------------------------------------------------------

    def draft(self) -> bedside.ConsentDraft:
        person = self._survivor
        return bedside.ConsentDraft(
            survivor_name=f"{person.text('given_name').strip()} {person.text('family_name').strip()}",
            date_of_birth=person.date_of_birth(),
            discloser=self.text("consent_discloser").strip(),
            recipients=tuple(person.chosen_names()),
            purpose=self.text("consent_purpose").strip(),
            scopes=self.chosen_scopes(),
            expires_on=self.expires_on() or self._context.now().date(),
        )

    def _signing_key(self) -> tuple[bedside.ConsentDraft, str] | None:
        try:
            return self.draft(), self._survivor.preferred_language.value
        except ValidationError:
            return None

    def open_signing(self) -> SigningScreen | None:
        """Hand the laptop over; the signature is kept only for exactly this wording."""
        key = self._signing_key()
        if key is None or not self.chosen_scopes():
            self.validatePage()  # says what is missing first
            return None
        draft, lang = key
        screen = SigningScreen(bedside.consent_wording(draft, lang), self)
        screen.accepted.connect(lambda: self._signed(screen, key))
        screen.finished.connect(lambda _result: self.window().activateWindow())  # handed back
        self.signing_screen = screen
        screen.show_for_signing()
        return screen

    def _signed(self, screen: SigningScreen, key: tuple[bedside.ConsentDraft, str]) -> None:
        self._signature, self._signed_for = screen.signature_png, key
        self.rows["consent_signature"].clear_error()
        self._show_signature()
        self.edited.emit()
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _clear_signature(self, why: str) -> None:
        if self._signature is None:
            return
        self._signature, self._signed_for = None, None
        self._show_signature()
        self.edited.emit()
        if why:
            self.message.show_info(
                self.tr("{why}: the signature was cleared. The survivor signs again.").format(why=why)
            )

    def _show_signature(self) -> None:
        signed = self._signature is not None
        self.signature_label.setText(
            self.tr("Signed on screen ✓")
            if signed
            else self.tr("Not signed yet: Enter hands over the signing screen")
        )
        self.clear_pad.setEnabled(signed)

    def signature(self) -> bytes | None:
        return self._signature if self.how is SignedHow.ON_SCREEN else None

    def form_number(self) -> str:
        return self.text("consent_form_number") if self.how is SignedHow.ON_PAPER else ""

    # --- checks ---------------------------------------------------------------------------------------

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: consent.check_consent(self.chosen_scopes(), self.how, self.form_number()),
            lambda: rules.CONSENT_FORM_NUMBER.clean(self.form_number()),
            self.expires_on,
            lambda: rules.CONSENT_DISCLOSER.clean(self.text("consent_discloser")),
            lambda: rules.CONSENT_PURPOSE.clean(self.text("consent_purpose")),
        )

    def validatePage(self) -> bool:
        if not super().validatePage():
            return False
        if self.how is SignedHow.ON_SCREEN and self._signature is None:
            self.open_signing()  # Enter hands the laptop over; signing goes on to the next page
            return False
        return True

    def value(self) -> bedside.ConsentInput:
        return bedside.ConsentInput(
            scopes=self.chosen_scopes(),
            signed_how=self.how,
            discloser=self.text("consent_discloser"),
            purpose=self.text("consent_purpose"),
            form_number=self.form_number(),
            signature_png=self.signature(),
            expires_on=self.expires_on(),
        )

    def state(self) -> State:
        png = self._signature
        return text_state(self.rows, self.TEXT) | {
            "scopes": sorted(scope.value for scope, box in self.scopes.items() if box.isChecked()),
            "signed_how": self.how.value,
            "signature_png": base64.b64encode(png).decode("ascii") if png else "",
        }

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for scope, box in self.scopes.items():
            box.blockSignals(True)
            box.setChecked(scope.value in state.get("scopes", ()))
            box.blockSignals(False)
        if state.get("signed_how") in {s.value for s in SignedHow}:
            self.how_buttons[SignedHow(state["signed_how"])].setChecked(True)
        png = state.get("signature_png")
        self._signature = base64.b64decode(png) if isinstance(png, str) and png else None
        # A resumed signature was made for what the draft holds: it stands until something is changed.
        self._signed_for = None
        self._show_how()
        self._show_signature()
