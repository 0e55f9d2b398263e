"""Turning exceptions into calm sentences. Nothing here ever opens a crash dialog."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain.errors import BurnerDeskError, ValidationError
from burner_desk.ui.i18n import shown, translated

log = logging.getLogger(__name__)

GENERIC_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Something went wrong and nothing was changed. Try again; if it keeps happening, note the time and tell your supervisor.",
)


def message_for(exc: BaseException) -> str:
    """Our own errors are written to be shown (no passphrase, key or record content); others are not."""
    if isinstance(exc, ValidationError):
        reason = shown(exc.reason)
        return reason[:1].upper() + reason[1:] + "."
    if isinstance(exc, BurnerDeskError):
        return shown(str(exc))
    log.error("unexpected error", exc_info=exc)
    return translated("errors", GENERIC_MESSAGE)
