"""The signing screen the detective hands to the survivor: full screen, large type, in the survivor's
language, with exactly the wording the consent form prints (services.bedside.consent_wording reads it
from resources/print/<lang>.po, as the printout does). Enter signs; Esc hands it back unsigned."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from burner_desk.services.bedside import ConsentWording
from burner_desk.ui.widgets.long_text import LongTextLabel
from burner_desk.ui.widgets.messages import MessageLabel
from burner_desk.ui.widgets.scroll import FocusScrollArea
from burner_desk.ui.widgets.signature_pad import SignaturePad

BODY_POINTS = 17  # large type: read at arm's length, by someone just out of an overdose
TITLE_POINTS = 26
PAD = QSize(680, 150)

# The screen's own few words, in the survivor's language (the form's wording comes from the texts).
CONTROLS = {
    "en": {
        "sign": "I agree — sign",
        "clear": "Clear",
        "back": "Not now",
        "sign_here": "Sign in the box with your finger, the pen or the mouse.",
        "empty": "Please sign in the box first.",
    },
    "es": {
        "sign": "Estoy de acuerdo — firmar",
        "clear": "Borrar",
        "back": "Ahora no",
        "sign_here": "Firme en el recuadro con el dedo, el lápiz o el ratón.",
        "empty": "Primero firme en el recuadro, por favor.",
    },
}


def wording_html(wording: ConsentWording) -> str:
    """The form's wording as rich text; the values are already markup-safe (escaped case data)."""
    rows = "".join(
        f"<tr><td style='padding:2px 18px 2px 0'>{label}</td><td>{value}</td></tr>"
        for label, value in wording.fields
    )
    shared = "".join(f"<li>{item}</li>" for item in wording.shared)
    rights = "".join(f"<li>{item}</li>" for item in wording.rights)
    return (
        f"<table>{rows}</table>"
        f"<h3>{wording.information_heading}</h3><ul>{shared}</ul><p>{wording.only_listed}</p>"
        f"<h3>{wording.rights_heading}</h3><ul>{rights}</ul>"
        f"<p><b>{wording.agreement}</b></p>"
        f"<p style='font-size:small'><b>{wording.notice_title}</b> {wording.notice}</p>"
    )


class SigningScreen(QDialog):
    """Accepted with the signature in `signature_png`; rejected leaves the consent unsigned."""

    def __init__(self, wording: ConsentWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        words = CONTROLS.get(wording.lang, CONTROLS["en"])
        self._words = words
        self.signature_png: bytes | None = None
        self.setObjectName("signingScreen")
        self.setWindowTitle(wording.title)
        self.setAccessibleName(self.tr("Consent for the survivor to sign"))
        # In the style sheet, not setFont(): with the app's style sheet on, a font set on the dialog does not
        # reach the labels and buttons in it (they stayed at the app's 11 pt).
        self.setStyleSheet(
            f"#signingScreen QLabel, #signingScreen QPushButton {{ font-size: {BODY_POINTS}pt; }}"
        )

        title = QLabel(escape(wording.title))
        title.setObjectName("title")
        title.setStyleSheet(f"font-size: {TITLE_POINTS}pt; font-weight: 600;")
        title.setWordWrap(True)  # a longer language (es) would push the page wider than the screen
        title.setAccessibleName(self.tr("Consent title"))
        self.text = LongTextLabel()  # its wording is set last: see the end of __init__
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName(self.tr("Consent wording"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.addWidget(title)
        reading_layout.addWidget(self.text)
        reading_layout.addStretch()
        scroll = FocusScrollArea(reading, self.tr("Consent wording"))

        self.pad = SignaturePad(wording.sign_label, size=PAD)
        self.pad.changed.connect(self._signed_or_cleared)
        sign_here = QLabel(f"{escape(wording.sign_label)} — {escape(words['sign_here'])}")
        sign_here.setWordWrap(True)
        self.message = MessageLabel(self.tr("Signing message"))
        self.clear_button = QPushButton(words["clear"])
        self.clear_button.setAccessibleName(self.tr("Clear the signature"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.back_button = QPushButton(words["back"])
        self.back_button.setAccessibleName(self.tr("Hand back without signing"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.reject)
        self.sign_button = QPushButton(words["sign"])
        self.sign_button.setObjectName("primary")
        self.sign_button.setAccessibleName(self.tr("Sign the consent"))
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.sign_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.addWidget(scroll, 1)
        layout.addWidget(sign_here)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        # Rich text is laid out again at each change of parent and font: set once they are final, the
        # screen opens in one short turn (the wording given first cost ~20 ms of the UI thread).
        self.text.setText(wording_html(wording))

    def show_for_signing(self) -> None:
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.showFullScreen()
        self.activateWindow()
        self.sign_button.setFocus()  # Enter signs once the survivor has drawn

    def _signed_or_cleared(self) -> None:
        if not self.pad.is_empty:
            self.message.clear()

    def sign(self) -> None:
        png = self.pad.png_bytes()
        if png is None:
            self.message.show_error(self._words["empty"])
            return
        self.signature_png = png
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter anywhere on the screen signs (the survivor may have tapped the wording).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sign()
            return
        super().keyPressEvent(event)
