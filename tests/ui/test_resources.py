"""The Resources view: the directory of the picked jurisdiction, optionally one kind; read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from burner_desk.domain.resources import ResourceKind
from burner_desk.services import access, demo
from burner_desk.ui.resources.view import ResourcesView
from tests.ui.helpers import controls_without_accessible_name
from tests.ui.test_today import context_for


@pytest.fixture
def view(qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings) -> ResourcesView:
    demo.load_sample_directory(signed_in.uow, signed_in.actor)
    resources_view = ResourcesView(context_for(signed_in, ui_settings))
    qtbot.addWidget(resources_view)
    return resources_view


def _pick(view: ResourcesView, jurisdiction: str) -> None:
    view.jurisdiction.setCurrentIndex(view.jurisdiction.findData(jurisdiction))


def test_it_opens_on_the_home_jurisdiction(view: ResourcesView) -> None:
    assert view.jurisdiction.currentText() == "City of Alexandria"
    assert [view.jurisdiction.itemText(i) for i in range(view.jurisdiction.count())] == [
        "City of Alexandria",
        "Arlington County",
        "Fairfax County",  # not "Fairfax": the City of Fairfax is another jurisdiction
        "Prince George's County, MD",
        "Washington, DC",
    ]
    assert {row.jurisdiction for row in view.model.rows} == {"alexandria"}
    assert view.details.text().startswith(view.model.rows[0].name)


def test_picking_a_jurisdiction_lists_only_its_resources(view: ResourcesView) -> None:
    _pick(view, "arlington")
    listed = view.model.rows
    assert listed
    assert {row.jurisdiction for row in listed} == {"arlington"}
    assert all(row.name.startswith("Arlington") for row in listed)


def test_picking_a_kind_narrows_the_list(view: ResourcesView) -> None:
    _pick(view, "alexandria")
    view.kind.setCurrentIndex(view.kind.findData(ResourceKind.TREATMENT))
    assert [(row.name, row.phone_24h) for row in view.model.rows] == [
        ("Alexandria Community Treatment Program (sample)", "(703) 555-0131")
    ]


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester, view: ResourcesView) -> None:
    assert view.model.rowCount() > 0
    qtmodeltester.check(view.model, force_py=True)


def test_every_control_is_named(view: ResourcesView) -> None:
    assert controls_without_accessible_name(view) == []
