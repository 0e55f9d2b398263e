from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from burner_desk.services import access
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
from burner_desk.ui.today.today_view import TodayView
from burner_desk.ui.unlock.setup_dialog import SetupDialog
from tests.conftest import SETUP, TEST_KDF
from tests.ui.helpers import controls_without_accessible_name, pop_ups


def _fill(dialog: SetupDialog, qtbot: QtBot, **overrides: str) -> None:
    values = {
        "agency": SETUP.agency,
        "device_name": SETUP.device_name,
        "user_name": SETUP.user_name,
        "display_name": SETUP.display_name,
        "badge_no": SETUP.badge_no,
        "direct_phone": SETUP.direct_phone,
        "passphrase": SETUP.passphrase,
        "passphrase_confirm": SETUP.passphrase,
    } | overrides
    for name, value in values.items():
        dialog.rows[name].edit.clear()
        qtbot.keyClicks(dialog.rows[name].edit, value)


def test_setup_on_the_background_executor_creates_the_vault_and_opens_the_main_window(
    qtbot: QtBot, make_shell, vault_dir: Path
) -> None:
    shell = make_shell(BackgroundTasks())
    shell.start()
    dialog = shell.window
    assert isinstance(dialog, SetupDialog)
    _fill(dialog, qtbot)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisibleTo(dialog)  # busy while the KDF runs; the UI thread is free
    assert not dialog.create_button.isEnabled()

    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow), timeout=10_000)
    main = shell.window
    assert SETUP.agency in main.windowTitle()
    qtbot.waitUntil(lambda: main.overview is not None, timeout=5_000)
    assert main.overview.user_name == SETUP.user_name
    today = main.view("today")  # the workload cards live on the Today view
    assert isinstance(today, TodayView)
    qtbot.waitUntil(lambda: today.data is not None, timeout=5_000)
    assert today.cards["encounters"].value.text() == "0"
    assert not access.needs_setup(vault_dir)
    assert main.keystore_banner is None  # the in-memory keyring works


def test_inline_reasons_beside_the_fields_and_no_vault(qtbot: QtBot, vault_dir: Path) -> None:
    dialog = SetupDialog(InlineTasks(), lambda data: access.first_run_setup(vault_dir, data, kdf=TEST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, qtbot, agency="", direct_phone="555-12", passphrase="short", passphrase_confirm="other")
    dialog.submit()

    errors = {name: row.error.text() for name, row in dialog.rows.items() if row.error.isVisibleTo(dialog)}
    assert errors == {
        "agency": "Required.",
        "direct_phone": "A US phone number has 10 digits (area code + number).",
        "passphrase": "Use at least 12 characters.",
        "passphrase_confirm": "The two passphrases differ.",
    }
    assert access.needs_setup(vault_dir)
    assert pop_ups() == []


def test_a_service_refusal_is_shown_beside_the_field_it_names(qtbot: QtBot, vault_dir: Path) -> None:
    dialog = SetupDialog(InlineTasks(), lambda data: access.first_run_setup(vault_dir, data, kdf=TEST_KDF))
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, badge_no="B" * 41)  # only the service knows the badge limit
    dialog.submit()
    assert dialog.rows["badge_no"].error.text().startswith("Too long")
    assert dialog.create_button.isEnabled()


def test_passphrase_typed_wrong_is_flagged_on_leaving_the_field(qtbot: QtBot) -> None:
    dialog = SetupDialog(InlineTasks(), lambda data: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.rows["passphrase"].edit, "password password")
    dialog.rows["passphrase"].edit.editingFinished.emit()
    assert "mix at least 3" in dialog.rows["passphrase"].error.text().lower()
    qtbot.keyClicks(dialog.rows["passphrase"].edit, "X")  # typing again clears the old reason
    assert dialog.rows["passphrase"].error.text() == ""


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    dialog = SetupDialog(InlineTasks(), lambda data: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    assert controls_without_accessible_name(dialog) == []
    assert dialog.sizeHint().height() <= 728  # 768 minus a taskbar
