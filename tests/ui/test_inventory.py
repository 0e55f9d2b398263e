"""The Inventory view over a real demo vault: add a phone, import a CSV, assemble a bag, restock, mark."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from burner_desk.domain.inventory import PhoneStatus
from burner_desk.services import access, demo, inventory
from burner_desk.ui.context import ViewContext
from burner_desk.ui.inventory import phones
from burner_desk.ui.inventory.view import BAGS, HANDOUTS, InventoryView
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_today import context_for, open_demo

GOOD_IMEI = demo.sample_imei(500)
BAD_IMEI = GOOD_IMEI[:-1] + str((int(GOOD_IMEI[-1]) + 1) % 10)  # check digit off by one
NOW = datetime.now(UTC).replace(microsecond=0)  # the demo stocks bags relative to the real clock
CONTACTS = "Det. Lee: (703) 555-0101; Treatment: (703) 555-0130"


@pytest.fixture
def demo_session(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo")
    yield session
    session.vault.close()


@pytest.fixture
def context(demo_session: access.SignedIn, ui_settings: QSettings) -> ViewContext:
    return context_for(demo_session, ui_settings, lambda: NOW)


@pytest.fixture
def view(qtbot: QtBot, context: ViewContext) -> InventoryView:
    inventory_view = InventoryView(context)
    qtbot.addWidget(inventory_view)
    inventory_view.resize(1180, 640)
    inventory_view.show()
    return inventory_view


def _audit(session: access.SignedIn) -> list[str]:
    with session.uow.begin() as tx:
        return [action for action, _entity, _outcome in tx.audit_trail()]


def _tags(view: InventoryView) -> list[str]:
    return [phone.asset_tag for phone in view.phones.model.rows]


def _fill_phone(qtbot: QtBot, dialog: phones.AddPhoneDialog, imei: str) -> None:
    for row, typed in (
        (dialog.asset_tag, "BD-0500"),
        (dialog.imei, imei),
        (dialog.phone_number, "(703) 555-0150"),
        (dialog.carrier, "Sample Wireless"),
        (dialog.contacts, CONTACTS),
    ):
        qtbot.keyClicks(row.edit, typed)


def test_every_model_passes_the_model_tester(qtmodeltester: ModelTester, view: InventoryView) -> None:
    view.tabs.setCurrentIndex(HANDOUTS)  # a tab loads when first shown
    view.tabs.setCurrentIndex(BAGS)
    view.bags.table.selectRow(0)
    models = [view.phones.model, view.bags.model, view.bags.contents_model, view.handouts.model]
    assert all(model.rowCount() > 0 for model in models)
    report = inventory.ImportReport(("BD-1",), (inventory.RowError(3, "imei", "bad check digit"),))
    models.append(phones.ImportReportDialog(report, view).model)
    for model in models:
        qtmodeltester.check(model, force_py=True)


def test_every_control_is_named(view: InventoryView) -> None:
    assert controls_without_accessible_name(view) == []


def test_adding_a_phone_through_the_dialog(
    qtbot: QtBot, view: InventoryView, demo_session: access.SignedIn
) -> None:
    qtbot.mouseClick(view.phones.buttons["add"], Qt.MouseButton.LeftButton)
    dialog = view.phones.findChild(phones.AddPhoneDialog)
    assert dialog is not None and dialog.isVisible()
    _fill_phone(qtbot, dialog, GOOD_IMEI)
    qtbot.keyClick(dialog.contacts.edit, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    assert "BD-0500" in _tags(view)
    added = next(p for p in view.phones.model.rows if p.asset_tag == "BD-0500")
    assert (added.imei, added.status) == (GOOD_IMEI, PhoneStatus.IN_STOCK)
    assert [c.label for c in added.programmed_contacts] == ["Det. Lee", "Treatment"]
    assert _audit(demo_session)[-1] == "burner_phone.create"


def test_a_bad_imei_blocks_the_dialog_with_the_reason(
    qtbot: QtBot, view: InventoryView, demo_session: access.SignedIn
) -> None:
    before, boxes_before = _audit(demo_session), pop_ups()
    dialog = view.phones.add_phone()
    _fill_phone(qtbot, dialog, BAD_IMEI)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.imei.error.isVisible()
    assert "check digit" in dialog.imei.error.text()
    assert dialog.imei.text() == BAD_IMEI  # nothing typed is lost
    assert "BD-0500" not in _tags(view)
    assert _audit(demo_session) == before
    assert pop_ups() == boxes_before  # the reason is shown in place, never in a message box


def test_csv_import_reports_each_refused_line(
    qtbot: QtBot, view: InventoryView, demo_session: access.SignedIn, tmp_path: Path
) -> None:
    csv_file = tmp_path / "phones.csv"
    csv_file.write_text(
        "asset_tag,imei,phone_number,carrier,programmed_contacts\n"
        f"BD-0601,{demo.sample_imei(601)},(703) 555-0151,Sample Wireless,{CONTACTS}\n"
        f"BD-0602,{BAD_IMEI},(703) 555-0152,Sample Wireless,{CONTACTS}\n"
        f"BD-0603,{demo.sample_imei(603)},555,Sample Wireless,{CONTACTS}\n",
        encoding="utf-8",
    )
    view.phones.choose_csv = lambda: csv_file
    qtbot.mouseClick(view.phones.buttons["import"], Qt.MouseButton.LeftButton)
    report = view.phones.report_dialog
    assert report.isVisible()
    assert [(e.line, e.field) for e in report.model.rows] == [(3, "imei"), (4, "phone_number")]
    assert "BD-0601" in _tags(view)
    assert "BD-0602" not in _tags(view) and "BD-0603" not in _tags(view)
    assert _audit(demo_session)[-1] == "burner_phone.import"


def test_an_unreadable_csv_is_refused_in_place(qtbot: QtBot, view: InventoryView, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("asset_tag\nPeña\n".encode("latin-1"))
    view.phones.choose_csv = lambda: latin1
    qtbot.mouseClick(view.phones.buttons["import"], Qt.MouseButton.LeftButton)
    assert view.phones.message.kind == "error"
    assert "UTF-8" in view.phones.message.text()


def test_marking_lost_and_verifying_contacts(
    qtbot: QtBot, view: InventoryView, context: ViewContext, demo_session: access.SignedIn
) -> None:
    tab = view.phones
    in_stock = next(row for row, p in enumerate(tab.model.rows) if p.status is PhoneStatus.IN_STOCK)
    tag = tab.model.rows[in_stock].asset_tag
    tab.table.selectRow(in_stock)
    tab.confirm = lambda _question: True
    qtbot.mouseClick(tab.buttons["verify"], Qt.MouseButton.LeftButton)
    verified = next(p for p in tab.model.rows if p.asset_tag == tag)
    assert verified.contacts_verified_at == NOW
    assert _audit(demo_session)[-1] == "burner_phone.verify_contacts"
    qtbot.mouseClick(tab.buttons["lost"], Qt.MouseButton.LeftButton)
    assert next(p for p in tab.model.rows if p.asset_tag == tag).status is PhoneStatus.LOST
    assert _audit(demo_session)[-1] == "burner_phone.lost"
    qtbot.mouseClick(tab.buttons["retired"], Qt.MouseButton.LeftButton)  # lost -> retired is allowed
    qtbot.mouseClick(tab.buttons["lost"], Qt.MouseButton.LeftButton)  # retired -> lost is not
    assert tab.message.kind == "error"
    assert "cannot become lost" in tab.message.text()


def test_re_tagging_a_phone(qtbot: QtBot, view: InventoryView, demo_session: access.SignedIn) -> None:
    tab = view.phones
    tags = _tags(view)
    tab.table.selectRow(0)
    dialog = tab.retag_phone()
    assert dialog is not None
    qtbot.keyClicks(dialog.asset_tag.edit, tags[1])  # another phone's tag: refused under the field
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "already the tag of the phone with IMEI" in dialog.asset_tag.error.text()
    dialog.asset_tag.edit.clear()
    qtbot.keyClicks(dialog.asset_tag.edit, "BD-S900")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert "BD-S900" in _tags(view) and tags[0] not in _tags(view)
    assert _audit(demo_session)[-1] == "burner_phone.retag"


def test_assembling_a_bag_refuses_expired_naloxone_then_saves(
    qtbot: QtBot, view: InventoryView, context: ViewContext, demo_session: access.SignedIn
) -> None:
    view.tabs.setCurrentIndex(BAGS)
    dialog = view.bags.assemble()
    qtbot.keyClicks(dialog.label.edit, "RB-0042")
    qtbot.keyClicks(dialog.lot.edit, "LOT-42")
    yesterday = context.now().date() - timedelta(days=1)
    dialog.expiry.setDate(QDate(yesterday))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    expiry_row = dialog.fields["naloxone_expiry"]
    assert dialog.isVisible()
    assert expiry_row.error.isVisible()
    assert f"expired on {yesterday.isoformat()}" in expiry_row.error.text()
    assert "RB-0042" not in [bag.label for bag in view.bags.model.rows]

    dialog.expiry.setDate(QDate(date(context.now().year + 1, 6, 30)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    labels = [bag.label for bag in view.bags.model.rows]
    view.bags.table.selectRow(labels.index("RB-0042"))
    contents = {(item.kind.value, item.quantity, item.lot) for item in view.bags.contents_model.rows}
    assert ("naloxone", 2, "LOT-42") in contents
    assert ("disposal_bag", 2, "") in contents
    assert view.bags.contents_title.text() == "Contents of RB-0042"
    assert _audit(demo_session)[-1] == "recovery_bag.create"


def test_restocking_a_handout(qtbot: QtBot, view: InventoryView, demo_session: access.SignedIn) -> None:
    view.tabs.setCurrentIndex(HANDOUTS)
    tab = view.handouts
    tab.table.selectRow(0)
    before = tab.model.rows[0]
    dialog = tab.restock()
    assert dialog is not None
    dialog.quantity.setValue(25)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = next(h for h in tab.model.rows if h.id == before.id)
    assert after.stock == before.stock + 25
    assert _audit(demo_session)[-1] == "handout.restock"


def test_a_phone_added_elsewhere_reloads_the_phones_tab(view: InventoryView, context: ViewContext) -> None:
    signed_in = context.signed_in
    added = inventory.BurnerPhoneInput(
        "BD-0700",
        demo.sample_imei(700),
        "(703) 555-0170",
        "",
        inventory.programmed_contacts_from_text(CONTACTS),
    )
    # Any view's write through the runner is announced by it, as the wizard's issuing a phone is.
    context.tasks.run_db(lambda: inventory.add_burner_phone(signed_in.uow, signed_in.actor, added))
    assert "BD-0700" in _tags(view)


def test_a_detective_sees_the_stock_but_is_not_offered_to_manage_it(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    try:
        detective_view = InventoryView(context_for(session, ui_settings, lambda: NOW))
        qtbot.addWidget(detective_view)
        detective_view.show()
        qtbot.waitUntil(lambda: detective_view.phones.model.rowCount() > 0)

        hidden = [key for key, button in detective_view.phones.buttons.items() if button.isHidden()]
        assert hidden == ["add", "import", "verify", "returned", "lost", "retired"]
        assert detective_view.handouts.restock_button.isHidden()
        detective_view.handouts.table.selectRow(0)
        assert detective_view.handouts.restock() is None  # nor by a double click
    finally:
        session.vault.close()


def test_the_phone_list_loads_a_page_at_a_time_as_it_scrolls(
    qtbot: QtBot, view: InventoryView, context: ViewContext
) -> None:
    signed_in = context.signed_in
    lines = [f"BD-7{n:03d},{demo.sample_imei(700 + n)},(703) 555-01{n:02d},,{CONTACTS}" for n in range(40)]
    csv_text = "\n".join(["asset_tag,imei,phone_number,carrier,programmed_contacts", *lines])
    assert not inventory.import_burner_phones_csv(signed_in.uow, signed_in.actor, csv_text).errors
    every = [phone.asset_tag for phone in inventory.phones(signed_in.uow)]
    view.phones.model.page_size = 10
    view.phones.refresh()
    shown = len(_tags(view))  # the pages that fill the table's height, not the whole list
    assert 10 <= shown < len(every) and _tags(view) == every[:shown] and view.phones.model.canFetchMore()

    view.phones.table.scrollToBottom()  # the table asks for the next page at the end of the list
    qtbot.waitUntil(lambda: len(_tags(view)) > shown)
    while view.phones.model.canFetchMore():
        view.phones.table.scrollToBottom()
        qtbot.wait(1)
    assert _tags(view) == every

    view.phones.table.selectRow(len(every) - 1)
    # What the runner announces after a write to phones: a refresh reads again all the rows shown, not one page.
    context.changes.changed.emit(frozenset({"burner_phone"}))
    assert _tags(view) == every and phones.selected_row(view.phones.table).asset_tag == every[-1]
