"""How a language is named in the app's (English) screens."""

from __future__ import annotations

from burner_desk.domain.people import Language

LANGUAGE_NAMES = {Language.EN: "English", Language.ES: "Spanish"}
