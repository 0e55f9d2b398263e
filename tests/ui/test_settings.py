"""The Settings view: users, vault settings (persisted, audited, supervisors only), backup and restore."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.services import access, settings
from burner_desk.ui.main.views import registered_views
from burner_desk.ui.settings.restore import RestoreDialog
from burner_desk.ui.settings.view import SettingsView
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE, TEST_KDF
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_today import context_for

NEW_PASSPHRASE = "Blue kettle 42 morning"


def _view(qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings) -> SettingsView:
    settings_view = SettingsView(context_for(signed_in, ui_settings))
    qtbot.addWidget(settings_view)
    return settings_view


@pytest.fixture
def view(qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings) -> SettingsView:
    return _view(qtbot, signed_in, ui_settings)


def _audit(session: access.SignedIn) -> list[str]:
    with session.uow.begin() as tx:
        return [action for action, _entity, _outcome in tx.audit_trail()]


def test_everyone_sees_the_settings_view() -> None:
    """Everyone sets their own language and passphrase there; the rest is the supervisor's."""
    entry = next(entry for entry in registered_views() if entry.key == "settings")
    assert (entry.supervisor_only, entry.for_coordinator, entry.shortcut) == (False, True, "Ctrl+5")


def test_a_settings_change_persists_and_is_audited(
    qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn
) -> None:
    assert view.idle_minutes.value() == 15
    view.idle_minutes.setValue(10)
    view.family_language.setCurrentIndex(view.family_language.findData(Language.ES))
    view.threshold_phones.setValue(8)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.settings_message.text() == "Settings saved."
    kept = settings.load(signed_in.uow)
    assert (kept.idle_lock_minutes, kept.family_language, kept.stock_threshold_phones) == (10, Language.ES, 8)
    assert _audit(signed_in)[-1] == "settings.change"


def test_a_settings_view_opened_later_shows_the_saved_values(
    qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings
) -> None:
    settings.save(signed_in.uow, signed_in.actor, replace(settings.DEFAULTS, stock_threshold_bags=7))
    assert _view(qtbot, signed_in, ui_settings).threshold_bags.value() == 7


def test_the_users_table_shows_every_name_whole_at_1366_px(qtbot: QtBot, view: SettingsView) -> None:
    """Stretched to give the other columns room, the name column once showed only "…" at this width."""
    view.resize(1366 - 200, 700)  # the main window's width, less its side bar
    view.show()
    qtbot.waitUntil(lambda: view.users_model.rowCount() > 0)
    qtbot.waitUntil(lambda: view.users_table.isVisible())
    names = [user.display_name for user in view.users_model.rows]
    widest = max(view.users_table.fontMetrics().horizontalAdvance(name) for name in names)
    assert view.users_table.columnWidth(0) >= widest


def test_a_detective_sets_only_their_own_language_and_passphrase_here(
    qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings
) -> None:
    detective = Actor(signed_in.actor.user_id, SETUP.user_name, Role.DETECTIVE, signed_in.actor.device_id)
    boxes_before = pop_ups()
    view = _view(qtbot, replace(signed_in, actor=detective), ui_settings)
    assert not view.supervisor
    assert not hasattr(view, "save_button") and not hasattr(view, "users_table")  # the laptop's: not shown
    assert view.my_account.isVisibleTo(view)
    assert controls_without_accessible_name(view) == []
    with pytest.raises(NotPermitted, match="Only a supervisor can change the settings"):
        settings.save(signed_in.uow, detective, replace(settings.DEFAULTS, stock_threshold_phones=9))

    box = view.my_account
    assert box.language.currentData() == Language.EN.value
    box.language.setCurrentIndex(box.language.findData(Language.ES.value))
    qtbot.mouseClick(box.save_language_button, Qt.MouseButton.LeftButton)
    assert settings.ui_language(signed_in.uow, detective) is Language.ES
    assert box.message.text() == "Español saved: your screens speak it from your next sign-in."
    assert _audit(signed_in)[-1] == "settings.change.language"
    assert _view(
        qtbot, replace(signed_in, actor=detective), ui_settings
    ).my_account.language.currentText() == (
        "Español"  # the saved choice, before the next sign-in applies it
    )
    assert pop_ups() == boxes_before


def test_adding_a_user_shows_the_passphrase_policy_as_it_is_typed(
    qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn
) -> None:
    dialog = view.add_user()
    qtbot.keyClicks(dialog.user_name.edit, "alex.kim")
    qtbot.keyClicks(dialog.display_name.edit, "Det. Alex Kim (sample)")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.DETECTIVE))
    qtbot.keyClicks(dialog.passphrase.edit, "short")
    assert dialog.passphrase.error.isVisible()
    assert "at least 12 characters" in dialog.passphrase.error.text()
    dialog.passphrase.edit.clear()
    qtbot.keyClicks(dialog.passphrase.edit, NEW_PASSPHRASE)
    assert not dialog.passphrase.error.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "alex.kim" in [user.user_name for user in view.users_model.rows]
    assert "alex.kim" in access.sign_in_names(signed_in.vault.directory)
    assert _audit(signed_in)[-1] == "user.create"


def test_removing_a_user_asks_first(qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn) -> None:
    dialog = view.add_user()
    qtbot.keyClicks(dialog.user_name.edit, "alex.kim")
    qtbot.keyClicks(dialog.display_name.edit, "Det. Alex Kim (sample)")
    qtbot.keyClicks(dialog.passphrase.edit, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    names = [user.user_name for user in view.users_model.rows]
    view.users_table.selectRow(names.index("alex.kim"))
    view.confirm = lambda _question: False
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert "alex.kim" in [user.user_name for user in view.users_model.rows]
    view.confirm = lambda _question: True
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert "alex.kim" not in [user.user_name for user in view.users_model.rows]
    assert "alex.kim" not in access.sign_in_names(signed_in.vault.directory)
    assert _audit(signed_in)[-1] == "user.remove"


def test_renaming_a_user_moves_their_sign_in_name_and_keeps_their_passphrase(
    qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn
) -> None:
    dialog = view.add_user()
    qtbot.keyClicks(dialog.user_name.edit, "alex.kim")
    qtbot.keyClicks(dialog.display_name.edit, "Det. Alex Kim (sample)")
    qtbot.keyClicks(dialog.passphrase.edit, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not view.rename_button.isEnabled()  # nobody chosen yet
    view.users_table.selectRow([user.user_name for user in view.users_model.rows].index("alex.kim"))

    rename = view.rename_user()
    assert rename is not None
    qtbot.keyClicks(rename.new_name.edit, SETUP.user_name)  # taken here: refused under the field
    qtbot.mouseClick(rename.save_button, Qt.MouseButton.LeftButton)
    assert rename.isVisible() and "is or was a user here" in rename.new_name.error.text()
    rename.new_name.edit.clear()
    qtbot.keyClicks(rename.new_name.edit, "alex.kim2")
    qtbot.mouseClick(rename.save_button, Qt.MouseButton.LeftButton)

    assert not rename.isVisible()
    assert "alex.kim2" in [user.user_name for user in view.users_model.rows]
    assert view.users_message.text().startswith("Det. Alex Kim (sample) now signs in as alex.kim2")
    assert "alex.kim2" in access.sign_in_names(signed_in.vault.directory)
    assert _audit(signed_in)[-1] == "user.rename"
    assert controls_without_accessible_name(rename) == []


def test_removing_yourself_is_refused_in_place(qtbot: QtBot, view: SettingsView) -> None:
    view.users_table.selectRow(0)
    view.confirm = lambda _question: True
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.users_message.kind == "error"
    assert "cannot remove your own account" in view.users_message.text()


def test_backup_writes_the_chosen_file(
    qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "vault.bdbackup"
    target.parent.mkdir()
    view.choose_backup_target = lambda: target
    qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    assert view.backup_message.kind == "info"
    assert str(target) in view.backup_message.text()
    assert _audit(signed_in)[-1] == "vault.backup"


def test_backup_into_the_vault_folder_is_refused(
    qtbot: QtBot, view: SettingsView, signed_in: access.SignedIn
) -> None:
    view.choose_backup_target = lambda: signed_in.vault.directory / "inside.bdbackup"
    qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    assert view.backup_message.kind == "error"
    assert not (signed_in.vault.directory / "inside.bdbackup").exists()


def test_restore_asks_for_the_file_and_passphrase_then_hands_them_to_the_shell(
    qtbot: QtBot, view: SettingsView, tmp_path: Path
) -> None:
    chosen = tmp_path / "vault.bdbackup"
    chosen.write_bytes(b"a backup")
    asked: list[tuple[Path, str]] = []
    view.restore_requested.connect(lambda file, passphrase: asked.append((file, passphrase)))
    view.choose_backup_file = lambda: chosen
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    assert controls_without_accessible_name(dialog) == []

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing chosen yet
    assert dialog.file.error.text() == "Choose the backup file."
    dialog.choose()
    assert dialog.file.text() == str(chosen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no passphrase yet
    assert dialog.passphrase.error.text() == "Type your passphrase."
    assert asked == []

    qtbot.keyClicks(dialog.passphrase.edit, SUPERVISOR_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)  # Enter restores
    assert asked == [(chosen, SUPERVISOR_PASSPHRASE)]
    assert not dialog.isVisible()
    assert pop_ups() == []


def test_restore_refuses_a_path_with_no_file(qtbot: QtBot, view: SettingsView, tmp_path: Path) -> None:
    dialog = view.restore()
    qtbot.keyClicks(dialog.file.edit, str(tmp_path / "missing.bdbackup"))
    qtbot.keyClicks(dialog.passphrase.edit, SUPERVISOR_PASSPHRASE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.file.error.text() == "There is no file at this path."
    assert dialog.isVisible()


def test_the_users_model_passes_the_model_tester(qtmodeltester: ModelTester, view: SettingsView) -> None:
    assert view.users_model.rowCount() == 1
    qtmodeltester.check(view.users_model, force_py=True)


def test_every_control_is_named(view: SettingsView) -> None:
    assert controls_without_accessible_name(view) == []


def test_settings_keep_saying_there_is_no_keyring(
    qtbot: QtBot, vault_dir: Path, ui_settings: QSettings, no_keyring: None
) -> None:
    signed_in = access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF)
    try:
        view = _view(qtbot, signed_in, ui_settings)
        assert view.keyring_note is not None and "No OS keyring" in view.keyring_note.text()
    finally:
        access.lock(signed_in, "manual")


def test_settings_say_nothing_of_a_keyring_that_works(view: SettingsView) -> None:
    assert view.keyring_note is None
