"""The wording catalogs: every language says everything English says, with the same fields to fill in."""

from __future__ import annotations

import string
from datetime import date, datetime
from pathlib import Path

import pytest

from burner_desk.paths import resource_path
from burner_desk.printing import texts

# The one entry whose fields a language picks from: a 12- or 24-hour clock.
TIME_FIELDS = {"hour", "hour12", "minute", "ampm"}


def _entries(lang: str) -> dict[str, str | list[str]]:
    return texts.load(lang).entries


def _fields(entry: str | list[str]) -> set[str]:
    parts = [entry] if isinstance(entry, str) else entry
    return {name for part in parts for _, name, _, _ in string.Formatter().parse(part) if name}


def test_english_and_spanish_ship() -> None:
    assert texts.languages()[:1] == ("en",)
    assert "es" in texts.languages()


@pytest.mark.parametrize("lang", [lang for lang in texts.languages() if lang != "en"])
def test_a_language_has_exactly_the_english_keys_and_fields(lang: str) -> None:
    # No fallback to English at print time: a missing key is caught here, before anyone prints.
    english, other = _entries("en"), _entries(lang)
    assert sorted(other) == sorted(english)
    for key, entry in english.items():
        assert type(other[key]) is type(entry), key
        if key == "format.time":
            assert {"minute"} <= _fields(other[key]) <= TIME_FIELDS
        else:
            assert _fields(other[key]) == _fields(entry), key  # no case data dropped or invented
    assert len(other["format.months"]) == 12
    assert len(other["format.ampm"]) == 2


def test_a_language_without_a_file_is_refused() -> None:
    with pytest.raises(ValueError, match="no printed wording"):
        texts.load("xx")


def test_case_data_is_escaped_but_wording_keeps_its_markup() -> None:
    t = texts.load("en")
    assert (
        t("referral.prepared_for", name="Lee & <Park>", date="x") == "For <b>Lee &amp; &lt;Park&gt;</b> · x"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    # The US way in both languages: 12-hour clock; the half of the day never parted from its time.
    [("en", "March 4, 2026, 9:05\u00a0PM"), ("es", "4 de marzo de 2026, 9:05\u00a0p.\u00a0m.")],
)
def test_dates_and_times_read_the_local_way(lang: str, expected: str) -> None:
    assert texts.load(lang).date_time(datetime(2026, 3, 4, 21, 5)) == expected
    assert texts.load(lang).date(date(2026, 3, 4)) in expected


@pytest.mark.parametrize(
    ("minutes", "en", "es"),
    [
        (0, "12:00 AM", "12:00 a. m."),
        (12 * 60, "12:00 PM", "12:00 p. m."),
        (16 * 60 + 30, "4:30 PM", "4:30 p. m."),
    ],
)
def test_a_time_of_day_uses_the_12_hour_clock(minutes: int, en: str, es: str) -> None:
    assert texts.load("en").clock(minutes).replace("\u00a0", " ") == en
    assert texts.load("es").clock(minutes).replace("\u00a0", " ") == es


def test_a_catalog_that_leaves_a_message_untranslated_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator's half-done catalog never prints half in English: it says which messages are missing."""
    folder = tmp_path / "print"
    folder.mkdir()
    (folder / texts.TEMPLATE).write_bytes(resource_path("print", texts.TEMPLATE).read_bytes())
    spanish = resource_path("print", "es.po").read_text(encoding="utf-8")
    half_done = spanish.replace('msgstr "enero"', 'msgstr ""')
    (folder / "es.po").write_text(half_done, encoding="utf-8")
    monkeypatch.setattr(texts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    texts.load.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"does not translate: format\.months\[0\]"):
            texts.load("es")
    finally:
        texts.load.cache_clear()
