"""The shell after sign-in: the vault's idle-lock minutes, the unfinished encounter offered, in-app restore."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from burner_desk.domain.ids import new_id
from burner_desk.services import access, backup, demo, drafts, inventory, settings
from burner_desk.ui.main.main_window import DraftOffer, MainWindow
from burner_desk.ui.settings.view import SettingsView
from burner_desk.ui.shell import Shell
from burner_desk.ui.unlock.unlock_window import UnlockWindow
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_unlock_and_lock import _signed_in_shell

TYPED_NAME = "Jordan"


def _main(shell: Shell) -> MainWindow:
    assert isinstance(shell.window, MainWindow)
    return shell.window


def _settings_view(shell: Shell) -> SettingsView:
    view = _main(shell).view("settings")
    assert isinstance(view, SettingsView)
    return view


def _audit(signed_in: access.SignedIn) -> list[str]:
    with signed_in.uow.begin() as tx:
        return [action for action, _entity, _outcome in tx.audit_trail()]


def _unlock_again(qtbot: QtBot, shell: Shell) -> None:
    window = shell.window
    assert isinstance(window, UnlockWindow)
    qtbot.keyClicks(window.passphrase, SUPERVISOR_PASSPHRASE)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)


def _tags(signed_in: access.SignedIn) -> set[str]:
    return {phone.asset_tag for phone in inventory.phones(signed_in.uow)}


def _add_phone(signed_in: access.SignedIn, asset_tag: str, n: int) -> None:
    inventory.add_burner_phone(
        signed_in.uow,
        signed_in.actor,
        inventory.BurnerPhoneInput(
            asset_tag,
            demo.sample_imei(n),
            f"(703) 555-01{n:02d}",
            "",
            inventory.programmed_contacts_from_text("Det. Lee: (703) 555-0101"),
        ),
    )


# --- the vault's idle-lock minutes -------------------------------------------------------------------


def test_idle_minutes_saved_in_settings_apply_at_once_and_after_the_next_sign_in(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    shell = _signed_in_shell(qtbot, make_shell)
    assert shell.idle_lock.timer.interval() == settings.DEFAULT_IDLE_MINUTES * 60_000
    view = _settings_view(shell)
    view.idle_minutes.setValue(7)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert shell.idle_lock.timer.interval() == 7 * 60_000
    assert shell.idle_lock.timer.isActive()  # the countdown runs on, with the new length

    _main(shell).lock_action.trigger()
    _unlock_again(qtbot, shell)
    assert isinstance(shell.window, MainWindow)
    assert (shell.idle_lock.minutes, shell.idle_lock.timer.interval()) == (7, 7 * 60_000)


def test_the_vault_setting_wins_over_the_start_up_default(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    signed_in = access.sign_in(locked_vault, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    settings.save(signed_in.uow, signed_in.actor, settings.VaultSettings(idle_lock_minutes=4))
    access.lock(signed_in, "manual")

    shell = _signed_in_shell(qtbot, make_shell, idle_minutes=20)
    assert shell.idle_lock.timer.interval() == 4 * 60_000
    assert "Locked after 4 minutes" in _lock_notice_after_idle(qtbot, shell)


def _lock_notice_after_idle(qtbot: QtBot, shell: Shell) -> str:
    shell.idle_lock.idle.emit()  # as the timer does when it runs out
    window = shell.window
    assert isinstance(window, UnlockWindow)
    return window.notice.text()


# --- the unfinished encounter ------------------------------------------------------------------------


def _leave_a_draft(vault_dir: Path) -> drafts.DraftView:
    signed_in = access.sign_in(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    # Today, whenever the test runs: the offer shows the time alone for a draft from today
    started = datetime.combine(date.today(), time(3, 12)).astimezone()
    payload = {"version": 1, "page": "survivor", "pages": {"survivor": {"given_name": TYPED_NAME}}}
    draft = drafts.save(signed_in.uow, signed_in.actor, new_id(), drafts.ENCOUNTER, payload, started)
    access.lock(signed_in, "manual")
    return draft


def _offer(shell: Shell) -> DraftOffer:
    offer = shell.draft_offer
    assert offer is not None
    assert offer.isVisibleTo(_main(shell))
    return offer


def test_an_unfinished_encounter_is_offered_after_sign_in_and_resumes(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    draft = _leave_a_draft(locked_vault)
    shell = _signed_in_shell(qtbot, make_shell)
    offer = _offer(shell)
    started = draft.created_at.astimezone().strftime("%H:%M")
    assert f"You have an unfinished encounter from {started}" in offer.label.text()
    assert controls_without_accessible_name(_main(shell)) == []
    assert pop_ups() == []  # a banner, not a dialog

    qtbot.mouseClick(offer.resume_button, Qt.MouseButton.LeftButton)
    wizard = _main(shell).wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.draft_id == draft.draft_id  # typing on keeps saving onto the same draft
    assert wizard.survivor.text("given_name") == TYPED_NAME
    assert not wizard.offer.isVisibleTo(wizard)  # not offered a second time inside the wizard
    assert not offer.isVisibleTo(_main(shell))


def test_discarding_the_offered_encounter_removes_the_draft(
    qtbot: QtBot, make_shell, locked_vault: Path
) -> None:
    _leave_a_draft(locked_vault)
    shell = _signed_in_shell(qtbot, make_shell)
    offer = _offer(shell)
    qtbot.mouseClick(offer.discard_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisibleTo(_main(shell))
    signed_in = shell.signed_in
    assert signed_in is not None
    assert drafts.latest(signed_in.uow, signed_in.actor, drafts.ENCOUNTER) is None
    assert _audit(signed_in)[-1] == "draft.delete"


def test_no_draft_no_offer(qtbot: QtBot, make_shell, locked_vault: Path) -> None:
    shell = _signed_in_shell(qtbot, make_shell)
    assert shell.draft_offer is None


# --- restore from Settings ---------------------------------------------------------------------------


def _restore_from_settings(qtbot: QtBot, shell: Shell, file: Path, passphrase: str) -> None:
    view = _settings_view(shell)
    view.choose_backup_file = lambda: file
    dialog = view.restore()
    dialog.choose()
    qtbot.keyClicks(dialog.passphrase.edit, passphrase)
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)


def test_restore_from_settings_locks_restores_and_says_where_the_old_vault_went(
    qtbot: QtBot, make_shell, locked_vault: Path, tmp_path: Path
) -> None:
    shell = _signed_in_shell(qtbot, make_shell)
    signed_in = shell.signed_in
    assert signed_in is not None
    _add_phone(signed_in, "BD-0001", 1)
    file = tmp_path / "backups" / "vault.bdbackup"
    file.parent.mkdir()
    backup.backup(signed_in, file)
    _add_phone(signed_in, "BD-0002", 2)  # recorded after the backup: gone once it is restored

    _restore_from_settings(qtbot, shell, file, SUPERVISOR_PASSPHRASE)
    window = shell.window
    assert isinstance(window, UnlockWindow)
    assert shell.restoring is None  # the busy indicator is gone
    kept = sorted(locked_vault.glob("replaced-*"))
    assert len(kept) == 1
    assert f"Restored from {file}" in window.notice.text()
    assert f"The previous vault files are kept in {kept[0]}" in window.notice.text()
    assert window.message.isHidden()
    assert pop_ups() == []

    _unlock_again(qtbot, shell)
    restored = shell.signed_in
    assert restored is not None
    assert _tags(restored) == {"BD-0001"}
    trail = _audit(restored)
    assert "vault.restore" in trail  # written into the copy before it was moved in


def test_a_damaged_backup_leaves_the_vault_as_it_was_and_says_why(
    qtbot: QtBot, make_shell, locked_vault: Path, tmp_path: Path
) -> None:
    shell = _signed_in_shell(qtbot, make_shell)
    signed_in = shell.signed_in
    assert signed_in is not None
    file = tmp_path / "vault.bdbackup"
    backup.backup(signed_in, file)
    _add_phone(signed_in, "BD-0003", 3)
    data = bytearray(file.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)  # a bad disk sector in the middle
    file.write_bytes(bytes(data))

    _restore_from_settings(qtbot, shell, file, SUPERVISOR_PASSPHRASE)
    window = shell.window
    assert isinstance(window, UnlockWindow)
    assert window.message.kind == "error"
    assert window.message.text().startswith(f"Nothing was restored: {file.name} is damaged")
    assert list(locked_vault.glob("replaced-*")) == []

    _unlock_again(qtbot, shell)
    still = shell.signed_in
    assert still is not None
    assert _tags(still) == {"BD-0003"}
    assert "session.lock.restore" in _audit(still)


def test_a_wrong_passphrase_for_the_backup_restores_nothing(
    qtbot: QtBot, make_shell, locked_vault: Path, tmp_path: Path
) -> None:
    shell = _signed_in_shell(qtbot, make_shell)
    signed_in = shell.signed_in
    assert signed_in is not None
    file = tmp_path / "vault.bdbackup"
    backup.backup(signed_in, file)

    _restore_from_settings(qtbot, shell, file, "Not the right one 1")
    window = shell.window
    assert isinstance(window, UnlockWindow)
    assert window.message.kind == "error"
    assert "Nothing was restored" in window.message.text()
    assert list(locked_vault.glob("replaced-*")) == []
