"""How the UI writes a number: in the UI language's locale (QLocale's default, set with the catalog by
ui/i18n.py), never with str() or an f-string. The figures themselves, and which counts read "<5"
(domain.metrics.shown), are the domain's; only the writing is here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from burner_desk.domain.metrics import SMALL, Shown

NO_VALUE = "–"  # a figure that has no value (a share of nobody, a median of nothing)


def number(value: int) -> str:
    """A whole number with the locale's digit grouping ("1,234")."""
    return QLocale().toString(value)


def count(value: Shown) -> str:
    """A count that may be published small ("<5", domain.metrics.SMALL) or a whole number."""
    if value == SMALL:
        return QCoreApplication.translate("ui.widgets.numbers", "<5", "a count from 1 to 4, not shown")
    return number(int(value))


def decimal(value: float, places: int = 1) -> str:
    """A decimal with the locale's decimal mark ("21.5")."""
    return QLocale().toString(value, "f", places)


def percent(share: float | None) -> str:
    """A share from 0 to 1 as a whole percentage ("83%"; Spanish writes "83 %")."""
    if share is None:
        return NO_VALUE
    return QCoreApplication.translate("ui.widgets.numbers", "{percent}%", "a share, e.g. 83%").format(
        percent=number(round(share * 100))
    )


def hours(value: float | None) -> str:
    """Hours to one decimal ("21.5 h")."""
    if value is None:
        return NO_VALUE
    return QCoreApplication.translate("ui.widgets.numbers", "{hours} h", "hours, e.g. 21.5 h").format(
        hours=decimal(value)
    )
