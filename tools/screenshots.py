"""`make screenshots`: the demo vault rendered at 1366×768 into docs/screenshots/{light,dark,es}/ (offscreen,
no display): the light and dark system palettes, and the Spanish UI (`--lang es`, light).

Builds a throwaway demo vault (services.demo), signs in as its supervisor, and saves one PNG per view of
the main window (the Program view among them), a case timeline, each page of the new-encounter wizard
when that module exists, and the pages of this month's program report.
Everything in the demo vault is invented sample data.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # chosen before Qt loads: no display needed
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the checkout

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QWidget

from burner_desk.domain.metrics import Period, PeriodChoice
from burner_desk.domain.people import Language
from burner_desk.services import access, demo, program
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.style import apply_style
from burner_desk.ui.tasks import InlineTasks
from tools.palettes import dark_palette

SIZE = (1366, 768)
CASE_SHOWN = "Quinlan"  # the demo case with the longest timeline


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def render_main_window(window: MainWindow, out: Path) -> None:
    for key, action in window.view_actions.items():
        action.trigger()
        save(window, out / f"{key}.png")
    cases = window.view("cases")
    cases.search.setText(CASE_SHOWN)  # type: ignore[attr-defined]
    cases.run_search()  # type: ignore[attr-defined]
    found = cases.results.rows  # type: ignore[attr-defined]
    if found:
        cases.case.open_case(found[0].encounter_id)  # type: ignore[attr-defined]
        window.view_actions["cases"].trigger()
        save(window, out / "case-timeline.png")


def render_wizard(window: MainWindow, out: Path) -> None:
    if importlib.util.find_spec("burner_desk.ui.encounter.wizard") is None:
        print("no new-encounter wizard yet (burner_desk.ui.encounter.wizard): its pages are not rendered")
        return
    from burner_desk.ui.encounter.wizard import EncounterWizard

    assert window.context is not None  # dropped only by dismiss()
    wizard = EncounterWizard(window.context, window)
    wizard.resize(*SIZE)
    wizard.show()
    for number, page_id in enumerate(wizard.pageIds(), start=1):
        wizard.setStartId(page_id)
        wizard.restart()
        name = (wizard.currentPage().objectName() or str(page_id)).removeprefix("page_")
        save(wizard, out / f"wizard-{number:02d}-{name}.png")
    wizard.reject()


def render_program_report(signed_in: access.SignedIn, out: Path) -> None:
    """This month's report for the Work Group, each page as the PDF prints it."""
    now = datetime.now(UTC)
    period = Period.of(PeriodChoice.THIS_MONTH, now.date())
    report = program.monthly_report(signed_in.uow, signed_in.actor, period, now, signed_in.agency)
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(report.pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        image = document.render(page, QSize(round(points.width() * 1.5), round(points.height() * 1.5)))
        path = out / f"program-report-{page + 1}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--dark", action="store_true", help="as on a system with a dark theme")
    parser.add_argument("--lang", choices=[language.value for language in Language], default="en")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    if args.dark:
        app.setStyle("Fusion")  # the offscreen platform's own style draws no dark controls
        app.setPalette(dark_palette())
    apply_style(app)
    ui_language = UiLanguage()  # as the shell installs a user's language at sign-in
    ui_language.apply(Language(args.lang))
    with tempfile.TemporaryDirectory(prefix="burner-desk-screenshots-") as scratch:
        vault_dir = Path(scratch) / "vault"
        demo.create_demo_vault(vault_dir)
        signed_in = access.sign_in(vault_dir, demo.SUPERVISOR.name, demo.SUPERVISOR.passphrase)
        tasks = InlineTasks()  # each query answers before the grab
        window = MainWindow(
            signed_in, tasks, QSettings(str(Path(scratch) / "ui.ini"), QSettings.Format.IniFormat)
        )
        try:
            window.show()
            # The start view is built a turn after the window, and the window then fits itself to the
            # screen (the offscreen one is small): the screenshots' size is set after that.
            app.processEvents()
            window.resize(*SIZE)
            render_main_window(window, args.out)
            render_wizard(window, args.out)
            render_program_report(signed_in, args.out)
        finally:
            window.dismiss()
            access.lock(signed_in, "quit")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
