"""The consent page: what the survivor agrees may be shared (42 CFR Part 2), and how they signed."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from burner_desk.domain import consent, text
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.services import bedside
from burner_desk.ui.encounter.fields import ControlRow, State, WizardPage, restore_text, text_state
from burner_desk.ui.widgets.messages import FieldRow
from burner_desk.ui.widgets.signature_pad import SignaturePad

SCOPE_LABELS = {
    ConsentScope.CONTACT_INFO: "Name and phone to the treatment program (needed for the referral)",
    ConsentScope.REFERRAL_STATUS: "Whether they engaged with treatment",
    ConsentScope.TREATMENT_OUTCOME: "The follow-up outcome, back to the police",
    ConsentScope.FAMILY_CONTACT: "The program may talk to the family members named",
}
SIGNED_LABELS = {
    SignedHow.ON_SCREEN: "Signed on this screen",
    SignedHow.ON_PAPER: "Signed on the paper form",
    SignedHow.DECLINED: "Declined",
}


class ConsentPage(WizardPage):
    key = "consent"
    title_text = "Consent"
    TEXT = ("consent_form_number", "consent_discloser", "consent_recipient", "consent_purpose")

    def __init__(self, agency: str) -> None:
        super().__init__()
        self.setSubTitle("42 CFR Part 2: what the survivor agrees may be shared, and how they signed.")
        scopes = QWidget()
        scopes_layout = QVBoxLayout(scopes)
        scopes_layout.setContentsMargins(0, 0, 0, 0)
        scopes_layout.setSpacing(2)
        self.scopes: dict[ConsentScope, QCheckBox] = {}
        for scope, label in SCOPE_LABELS.items():
            box = QCheckBox(label)
            box.setAccessibleName(label)
            scopes_layout.addWidget(box)
            self.scopes[scope] = box
        self.add_row("May share", "consent_scopes", ControlRow(scopes, "What may be shared"))

        how = QWidget()
        how_layout = QHBoxLayout(how)
        how_layout.setContentsMargins(0, 0, 0, 0)
        self.signed_how = QButtonGroup(self)
        self.how_buttons: dict[SignedHow, QRadioButton] = {}
        for signed, label in SIGNED_LABELS.items():
            button = QRadioButton(label)
            button.setAccessibleName(label)
            self.signed_how.addButton(button)
            self.how_buttons[signed] = button
            how_layout.addWidget(button)
        how_layout.addStretch()
        self.how_buttons[SignedHow.ON_SCREEN].setChecked(True)
        self.form.addRow("Signed", how)

        pad_box = QWidget()
        pad_layout = QHBoxLayout(pad_box)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        self.pad = SignaturePad("Survivor's signature")
        self.clear_pad = QPushButton("Clear")
        self.clear_pad.setAccessibleName("Clear the signature")
        self.clear_pad.clicked.connect(self.pad.clear)
        pad_layout.addWidget(self.pad)
        pad_layout.addWidget(self.clear_pad, 0, Qt.AlignmentFlag.AlignBottom)
        pad_layout.addStretch()
        self.add_row("Signature", "consent_signature", ControlRow(pad_box, "Signature"))
        self.add_row("Paper form no.", "consent_form_number", FieldRow("Paper form number"))
        discloser = self.add_row("Who may disclose", "consent_discloser", FieldRow("Who may disclose"))
        recipient = self.add_row("To whom", "consent_recipient", FieldRow("To whom"))
        purpose = self.add_row("Purpose", "consent_purpose", FieldRow("Purpose"))
        for row, default in (
            (discloser, agency),
            (recipient, "The treatment program on the referral sheet"),
            (purpose, "Referral to treatment and follow-up"),
        ):
            assert isinstance(row, FieldRow)
            row.edit.setText(default)
        self.signed_how.buttonToggled.connect(lambda _button, _on: self._show_how())
        # A reason goes away as soon as it is dealt with, as it does when typing in a field.
        for box in self.scopes.values():
            box.toggled.connect(self.rows["consent_scopes"].clear_error)
        self.pad.changed.connect(self.rows["consent_signature"].clear_error)
        self._show_how()
        self.finish_layout()

    def _show_how(self) -> None:
        how = self.how
        self.rows["consent_signature"].setEnabled(how is SignedHow.ON_SCREEN)
        self.rows["consent_form_number"].setEnabled(how is SignedHow.ON_PAPER)

    @property
    def how(self) -> SignedHow:
        return next((s for s, b in self.how_buttons.items() if b.isChecked()), SignedHow.ON_SCREEN)

    def chosen_scopes(self) -> frozenset[ConsentScope]:
        return frozenset(scope for scope, box in self.scopes.items() if box.isChecked())

    def text(self, field: str) -> str:
        row = self.rows[field]
        assert isinstance(row, FieldRow)
        return row.text()

    def signature(self) -> bytes | None:
        return self.pad.png_bytes() if self.how is SignedHow.ON_SCREEN else None

    def form_number(self) -> str:
        return self.text("consent_form_number") if self.how is SignedHow.ON_PAPER else ""

    def checks(self) -> Iterable[Callable[[], object]]:
        return (
            lambda: consent.check_consent(self.chosen_scopes(), self.how, self.form_number()),
            lambda: consent.check_covers(self.chosen_scopes(), family_contacted=False),
            lambda: consent.check_signature(self.how, self.signature()),
            lambda: text.clean(self.text("consent_discloser"), "consent_discloser", required=True),
            lambda: text.clean(self.text("consent_recipient"), "consent_recipient", required=True),
            lambda: text.clean(self.text("consent_purpose"), "consent_purpose", max_len=400, required=True),
        )

    def value(self) -> bedside.ConsentInput:
        return bedside.ConsentInput(
            scopes=self.chosen_scopes(),
            signed_how=self.how,
            discloser=self.text("consent_discloser"),
            recipient=self.text("consent_recipient"),
            purpose=self.text("consent_purpose"),
            form_number=self.form_number(),
            signature_png=self.signature(),
        )

    def state(self) -> State:
        png = self.pad.png_bytes()
        return text_state(self.rows, self.TEXT) | {
            "scopes": sorted(scope.value for scope in self.chosen_scopes()),
            "signed_how": self.how.value,
            "signature_png": base64.b64encode(png).decode("ascii") if png else "",
        }

    def restore(self, state: State) -> None:
        restore_text(self.rows, state)
        for scope, box in self.scopes.items():
            box.setChecked(scope.value in state.get("scopes", ()))
        if state.get("signed_how") in {s.value for s in SignedHow}:
            self.how_buttons[SignedHow(state["signed_how"])].setChecked(True)
        png = state.get("signature_png")
        self.pad.set_png(base64.b64decode(png) if isinstance(png, str) and png else None)
