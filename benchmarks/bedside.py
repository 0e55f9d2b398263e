"""`python -m benchmarks bedside`: how many interactions a complete bedside encounter takes, from "New
encounter" to printed, by keys alone (DESIGN.md section 8: resident <= 35, non-resident <= 30).

The real main window and wizard are driven with simulated keys only: every key goes to the widget that has
the focus (QApplication.focusWidget()), and focus moves only by those keys (no setFocus, no widget calls).

Counting rule, one interaction each:
  - typing a field's text (QTest.keyClicks);
  - one key press: Tab, Enter, Space, Ctrl+N;
  - scanning the survivor's licence (a keyboard-wedge scanner types the AAMVA text: runs of characters,
    Enter for its line breaks; one scan, as the detective pulls the trigger once);
  - the survivor drawing their signature on the signing screen (the only mouse action: it is theirs).
Waiting for the database executor or the scanner's pause is not an interaction.

"Complete" (issue 15): names, date of birth, phone, address (scanned from the licence: names, date of
birth and address; the phone typed); incident place, time (the default, now), naloxone doses, substance;
consent (contact info and family contact) signed on screen; personal phone make and model, colour, IMEI,
receipt (numbered by the laptop); burner phone scanned; the bag; one family member (name, phone, agrees
to be contacted) with a handout; the survivor's handouts; printing every document.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from burner_desk.services import access, demo, inventory
from burner_desk.storage.keyslots import KdfParams
from burner_desk.ui.encounter.wizard import EncounterWizard
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.printing.print_dialog import PrintDialog
from burner_desk.ui.tasks import InlineTasks

RESIDENT_BUDGET = 35
NON_RESIDENT_BUDGET = 30
BURNER_IMEI = demo.sample_imei(1)
PERSONAL_IMEI = demo.sample_imei(7, personal=True)


def sample_licence(family: str, given: str, street: str, city: str, zip_code: str) -> str:
    """Invented AAMVA 2016 card text (IIN 636000 is a test value): a sample person, never a real one."""
    elements = [
        "DAQT64235789",
        f"DCS{family}",
        f"DAC{given}",
        "DADJORDAN",
        "DBD03012024",
        "DBB05171990",
        "DBA05172032",
        "DBC2",
        f"DAG{street}",
        f"DAI{city}",
        "DAJVA",
        f"DAK{zip_code}0000  ",
        "DCGUSA",
    ]
    return "@\n\x1e\rANSI 636000100002DL00410278ZV03190008DL" + "\n".join(elements) + "\r"


RESIDENT_CARD = sample_licence("QUINLAN SAMPLE", "AVERY", "100 SAMPLE ST", "ALEXANDRIA", "22314")
# Arlington County: no burner phone, but the bag, the programs there and the call.
NON_RESIDENT_CARD = sample_licence("OKAFOR SAMPLE", "RILEY", "200 EXAMPLE RD", "ARLINGTON", "22204")


@dataclass
class Keys:
    """Sends keys to whatever has the focus, and counts them by the rule in the module's docstring."""

    wait: Callable[[Callable[[], bool]], None]  # runs the event loop until the condition holds
    log: list[str] = field(default_factory=list)
    # After each key or text: with the real DB executor, its answers land before the next key, as they
    # do for a person, who looks before pressing on (InlineTasks answers at once).
    between: Callable[[], None] = lambda: None
    # Between the characters of a text: a person's (or a scanner's) keys reach the app one event-loop turn
    # apart, so the stalls benchmark turns the loop here; typed in one go they would read as one long stall.
    between_keys: Callable[[], None] = lambda: None

    @property
    def count(self) -> int:
        return len(self.log)

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the focus after: {self.log[-1:]}"
        return widget

    def type(self, text: str) -> None:
        self.log.append(f"type {text!r} into {self.focused().accessibleName()}")
        self._key_clicks(text)
        self.between()

    def _key_clicks(self, text: str) -> None:
        for character in text:
            QTest.keyClicks(self.focused(), character)
            self.between_keys()

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.log.append(f"{key.name} on {self.focused().accessibleName()}")
        QTest.keyClick(self.focused(), key, modifier)
        self.between()

    def scan(self, card: str) -> None:
        """As a keyboard wedge types it: characters, Enter for LF and CR; RS it cannot type."""
        self.log.append("scan the licence")
        run = ""
        for character in card.replace("\x1e", ""):
            if character in "\n\r":
                if run:
                    self._key_clicks(run)
                    run = ""
                QTest.keyClick(self.focused(), Qt.Key.Key_Return)
            else:
                run += character
        if run:
            self._key_clicks(run)
        self.between()

    def sign(self, pad: QWidget) -> None:
        """The survivor's stroke on the pad: the one mouse action."""
        self.log.append("the survivor signs")
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 120))
        for x, y in ((90, 60), (170, 140), (260, 50), (380, 110)):
            QTest.mouseMove(pad, QPoint(x, y))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(380, 110))


def printer_to(path: Path) -> Callable[[QPrinter, QWidget], QDialog.DialogCode]:
    """The system print dialog, answered with a printer that writes a PDF file (no printer headless)."""

    def ask(printer: QPrinter, _parent: QWidget) -> QDialog.DialogCode:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return QDialog.DialogCode.Accepted

    return ask


def stock(signed_in: access.SignedIn, now: datetime) -> None:
    """The sample directory and handouts, two burner phones and two bags."""
    uow, actor = signed_in.uow, signed_in.actor
    demo.load_sample_directory(uow, actor)
    inventory.load_handout_catalog(uow, actor, initial_stock=5)
    for serial in (1, 2):
        inventory.add_burner_phone(
            uow,
            actor,
            inventory.BurnerPhoneInput(
                asset_tag=f"BD-{serial:04d}",
                imei=demo.sample_imei(serial),
                phone_number=f"(703) 555-016{serial}",
                carrier="Sample Wireless",
                programmed_contacts=(inventory.ProgrammedContact("Detective", "(703) 555-0101"),),
            ),
        )
        inventory.assemble_recovery_bag(
            uow,
            actor,
            inventory.RecoveryBagInput(
                f"RB-{serial:02d}", (inventory.NaloxoneKit("LOT-7", (now + timedelta(days=300)).date(), 2),)
            ),
            now,
        )


def reach(keys: Keys, wizard: EncounterWizard, page: str) -> None:
    """Wait for the wizard to show `page` (with the real DB executor a page may wait for its answer);
    when it does not, fail with what the page says."""
    try:
        keys.wait(lambda: wizard.current_key() == page)
    except Exception:  # the caller's wait gives up in its own way (pytest-qt's is not TimeoutError)
        raise AssertionError(wizard.currentPage().message.text()) from None


def encounter(window: MainWindow, keys: Keys, printed: Path, *, resident: bool) -> None:
    """One complete encounter, from Ctrl+N on the main window to the documents printed."""
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert wizard is not None
    keys.wait(lambda: wizard.isAncestorOf(QApplication.focusWidget()))  # the window system's turn
    # Survivor: the licence, then their phone.
    keys.scan(RESIDENT_CARD if resident else NON_RESIDENT_CARD)
    keys.wait(lambda: bool(wizard.survivor.text("given_name")))
    keys.type("(703) 555-0123")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: wizard.current_key() == "incident")
    # Incident: place, doses, substance; the time stays "now".
    keys.type("100 Block of Sample St (sample)")
    keys.press(Qt.Key.Key_Tab)
    keys.type("2")
    keys.press(Qt.Key.Key_Tab)
    keys.type("fentanyl (suspected)")
    keys.press(Qt.Key.Key_Return)
    reach(keys, wizard, "consent")
    # Consent: contact info and family contact; Enter hands over the signing screen.
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_Return)
    screen = wizard.consent.signing_screen
    keys.wait(
        lambda: screen.isAncestorOf(QApplication.focusWidget())
    )  # handed over: the window system's turn
    keys.sign(screen.pad)
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: wizard.isAncestorOf(QApplication.focusWidget()))  # handed back
    if resident:
        reach(keys, wizard, "personal_phone")
        keys.type("Samplephone S1")
        keys.press(Qt.Key.Key_Tab)
        keys.type("blue")
        keys.press(Qt.Key.Key_Tab)
        keys.type(PERSONAL_IMEI)
        keys.press(Qt.Key.Key_Return)
        reach(keys, wizard, "handover")
        keys.type(BURNER_IMEI)  # looked up at once: the focus goes to the contacts check
        keys.press(Qt.Key.Key_Space)
    reach(keys, wizard, "handover")
    keys.press(Qt.Key.Key_Space)  # the bag's contents checked
    keys.press(Qt.Key.Key_Return)
    reach(keys, wizard, "family")
    keys.type("Pat Quinlan (sample)")
    keys.press(Qt.Key.Key_Tab)
    keys.type("(703) 555-0124")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Space)  # agrees to be contacted
    keys.press(Qt.Key.Key_Return)  # adds them, with the usual handout ticked
    keys.press(Qt.Key.Key_Return)  # the name is empty again: on to the review
    reach(keys, wizard, "review")
    # Set-up, not an interaction: headless, "the printer" writes a PDF file. Set here, not at Ctrl+N,
    # where asking for the print page would build all the pages the wizard builds one per turn.
    wizard.print_queue.print_dialog_factory = lambda context, encounter_id, parent: PrintDialog(
        context, encounter_id, parent, ask_for_printer=printer_to(printed)
    )
    keys.press(Qt.Key.Key_Return)  # save
    keys.wait(lambda: wizard.current_key() == "print")
    keys.press(Qt.Key.Key_Return)  # Print all
    keys.wait(lambda: wizard.print_queue.printed)


@dataclass(frozen=True)
class Measured:
    resident: int
    non_resident: int
    resident_log: tuple[str, ...]
    non_resident_log: tuple[str, ...]


def measure(workdir: Path, wait: Callable[[Callable[[], bool]], None]) -> Measured:
    now = datetime.now(UTC)
    signed_in = access.first_run_setup(
        workdir / "vault",
        access.SetupInput(
            agency="Alexandria Police Department (sample)",
            device_name="bench-laptop",
            user_name="bench.detective",
            display_name="Det. Bench (sample)",
            badge_no="A-0100",
            direct_phone="(703) 555-0100",
            passphrase="Bench passphrase 42 ok",
        ),
        kdf=KdfParams(time_cost=1),
    )
    try:
        stock(signed_in, now)
        settings = QSettings(str(workdir / "ui-settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(signed_in, InlineTasks(), settings)
        window.show()
        window.activateWindow()
        # The focus inside this window (a window closed earlier in the process may still hold it)
        wait(lambda: window.isAncestorOf(QApplication.focusWidget()))
        counts = []
        for resident, printed in ((True, workdir / "resident.pdf"), (False, workdir / "non-resident.pdf")):
            keys = Keys(wait)
            encounter(window, keys, printed, resident=resident)
            assert printed.stat().st_size > 0
            counts.append(keys)
            wizard = window.wizard
            assert wizard is not None
            wizard.done(0)
            window.activateWindow()  # the window system's part when a dialog closes
            wait(lambda: window.isAncestorOf(QApplication.focusWidget()))
        window.dismiss()
        return Measured(counts[0].count, counts[1].count, tuple(counts[0].log), tuple(counts[1].log))
    finally:
        signed_in.vault.close()


def run() -> int:
    """The figures, as `python -m benchmarks bedside` prints them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keyring.set_keyring(fail.Keyring())  # a throwaway vault: no device secret in the real keyring
    app = QApplication.instance() or QApplication([])

    def wait(condition: Callable[[], bool]) -> None:
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while not condition():
            if datetime.now(UTC) > deadline:
                raise TimeoutError("the wizard did not get there")
            app.processEvents()
            QTest.qWait(10)

    with tempfile.TemporaryDirectory(prefix="burner-desk-bedside-") as tmp:
        measured = measure(Path(tmp), wait)
    print(f"bedside interactions: resident {measured.resident}, non-resident {measured.non_resident}")
    within = measured.resident <= RESIDENT_BUDGET and measured.non_resident <= NON_RESIDENT_BUDGET
    print(
        f"budget: resident <= {RESIDENT_BUDGET}, non-resident <= {NON_RESIDENT_BUDGET}: {'ok' if within else 'OVER'}"
    )
    return 0 if within else 1
