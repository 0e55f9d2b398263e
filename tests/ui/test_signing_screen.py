"""The signing screen the survivor reads and signs: nothing cut off, in either language, on a laptop."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from burner_desk.domain.consent import ConsentScope
from burner_desk.services import bedside
from burner_desk.ui.encounter.signing import BODY_POINTS, TITLE_POINTS, SigningScreen
from tests.ui.helpers import clipped_labels

DRAFT = bedside.ConsentDraft(
    survivor_name="Dana Example",
    date_of_birth=date(1990, 5, 17),
    discloser="Alexandria Police Department (sample)",
    recipients=("City Treatment Program (sample)",),
    purpose="Referral to treatment and follow-up",
    scopes=frozenset(ConsentScope),  # every scope: the longest wording
    expires_on=date(2027, 5, 17),
)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", [(800, 800), (1366, 768)])
def test_the_title_and_wording_show_whole(qtbot: QtBot, lang: str, size: tuple[int, int]) -> None:
    screen = SigningScreen(bedside.consent_wording(DRAFT, lang))
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    qtbot.waitExposed(screen)

    title = screen.findChild(QLabel, "title")
    assert title is not None and title.isVisible()
    assert clipped_labels(screen) == []


def test_the_screen_is_in_large_type_under_the_apps_style_sheet(qtbot: QtBot) -> None:
    """A font set on the dialog does not reach its labels once the app has a style sheet (conftest applies
    the app's): the wording and the buttons stayed at the app's 11 pt."""
    screen = SigningScreen(bedside.consent_wording(DRAFT, "en"))
    qtbot.addWidget(screen)
    screen.show()

    assert screen.text.font().pointSize() == BODY_POINTS
    assert screen.sign_button.font().pointSize() == BODY_POINTS
    title = screen.findChild(QLabel, "title")
    assert title is not None and title.font().pointSize() == TITLE_POINTS
