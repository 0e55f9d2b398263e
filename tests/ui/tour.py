"""A tour of every window, view, dialog and wizard page over the demo vault, for tests that look at each
one (the pseudo-locale test, the fit-on-screen check). Modal questions and file choosers must be answered
by the caller (patch QMessageBox.question and QFileDialog's static functions) before the tour starts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTableView, QTabWidget, QWidget

from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.unlock.setup_dialog import SetupDialog
from burner_desk.ui.unlock.unlock_window import UnlockWindow

CASE_SHOWN = "Quinlan"  # the demo case with the longest timeline (tools/screenshots.py)
SPIKE_NOTE = "Naloxone outreach on King St (tour)"  # a record the tour writes: shown as typed
CO_RESPONSE_PERSON = "Hale"  # the demo's person met only by the co-response team, never at the bedside


def before_sign_in() -> Iterator[tuple[str, QWidget]]:
    setup = SetupDialog(InlineTasks(), lambda _input: None, device_name="laptop-7")
    setup.show()
    yield "set-up", setup
    setup.close()
    unlock = UnlockWindow(InlineTasks(), lambda _name, _passphrase: None, ["morgan.ellis"])
    unlock.show()
    yield "unlock", unlock
    unlock.close()


def main_window(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Each view (each tab, a case open, a row selected), the dialogs behind its "…" buttons, the Session
    menu's dialogs, then each page of the new-encounter wizard. `window` is shown and signed in."""
    for key, action in window.view_actions.items():
        action.trigger()
        view = window.view(key)
        if key == "cases":
            view.search.setText(CASE_SHOWN)  # type: ignore[attr-defined]
            view.run_search()  # type: ignore[attr-defined]
            view.case.open_case(view.results.rows[0].encounter_id)  # type: ignore[attr-defined]
        tab_widgets: list[QTabWidget | None] = [None, *view.findChildren(QTabWidget)]
        for tabs in tab_widgets:
            for index in range(tabs.count() if tabs else 1):
                if tabs:
                    tabs.setCurrentIndex(index)
                for table in view.findChildren(QTableView):
                    if table.isVisible() and table.model().rowCount():
                        table.selectRow(0)
                yield f"view {key}", window
                yield from ((f"{key}: {name}", dialog) for name, dialog in _dialogs_behind_buttons(view))
        yield from ((f"{key}: {name}", dialog) for name, dialog in _dialogs_behind_other_doors(view))
    menu_actions = [window.passphrase_action, window.language_action]
    if hasattr(window, "odmap_action"):  # the Reports menu, for those who may export
        menu_actions.append(window.odmap_action)
    for menu_action in menu_actions:
        yield from ((f"menu: {name}", dialog) for name, dialog in opened(menu_action.trigger))
    window.new_encounter()
    wizard = window.wizard
    assert wizard is not None
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        yield f"wizard page {wizard.currentPage().objectName()}", wizard
    wizard.reject()


def opened(action: Callable[[], object]) -> list[tuple[str, QDialog]]:
    """The dialogs `action` opens and leaves open."""
    before = set(QApplication.topLevelWidgets())
    action()
    QApplication.processEvents()
    return [
        (dialog.windowTitle(), dialog)
        for dialog in set(QApplication.topLevelWidgets()) - before
        if isinstance(dialog, QDialog) and dialog.isVisible()
    ]


def _dialogs_behind_other_doors(view: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Dialogs that open only after a step: the Spike Response checklist, once an alert is acknowledged
    (here, the first of the demo's alerts, with a note); in Cases, someone met only by the co-response
    team, then their call opened from the timeline, and the dialogs behind its buttons."""
    if isinstance(view, CasesView):
        yield from _co_response_person(view)
    banner = getattr(view, "spike_banner", None)
    if banner is None or not banner.rows:
        return

    def acknowledge() -> None:
        dialog = banner.acknowledge(banner.rows[0].alert)
        dialog.note.setPlainText(SPIKE_NOTE)
        dialog.save_button.click()

    for name, dialog in opened(acknowledge):
        yield f"acknowledged -> {name}", dialog
        dialog.reject()
        dialog.close()


def _co_response_person(view: CasesView) -> Iterator[tuple[str, QWidget]]:
    view.search.setText(CO_RESPONSE_PERSON)
    view.run_search()
    view.results_table.activated.emit(view.results.index(0, 0))
    yield "co-response person", view.window()
    timeline = view.case.timeline_table
    for name, dialog in opened(lambda: timeline.activated.emit(view.case.timeline.index(0, 0))):
        yield f"timeline -> {name}", dialog
        yield from ((f"{name}: {inner}", behind) for inner, behind in _dialogs_behind_buttons(dialog))
        dialog.reject()
        dialog.close()


def _dialogs_behind_buttons(view: QWidget) -> Iterator[tuple[str, QDialog]]:
    """Every button whose text ends in "…" opens a dialog (the app's convention): each in turn."""
    for button in view.findChildren(QPushButton):
        if button.isVisible() and button.isEnabled() and button.text().rstrip("⟧").endswith("…"):
            for name, dialog in opened(button.click):
                yield f"{button.text()} -> {name}", dialog
                dialog.reject()
                dialog.close()
