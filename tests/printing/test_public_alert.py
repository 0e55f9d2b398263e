"""The spike's public alert (printing.public_alert), English and Spanish, parsed back from the PDF."""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from burner_desk.printing import public_alert, samples, texts
from tests.printing.conftest import pages, plain, render_pngs, text_of

LANGS = texts.languages()
LOOK_DIR = os.environ.get("BURNER_DESK_PRINT_LOOK")


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_alert_warns_and_says_where_to_get_naloxone_free(lang: str) -> None:
    t = texts.load(lang)
    data = samples.public_alert_sample()
    pdf = public_alert.build(data, lang, invariant=True)
    text = text_of(pdf)
    assert pages(pdf) == 1
    wanted = [
        plain(t("public_alert.tainted")),
        plain(t.items("public_alert.stay_safer")[0]),  # do not use alone
        plain(t.items("public_alert.stay_safer")[1]),  # carry naloxone
        plain(t("public_alert.free_naloxone_heading")),
        plain(t("emergency")),  # 911
        "988",
        "Old Town (sample)",
        *(place.name for place in data.naloxone),
        *(place.phone for place in data.naloxone),
        *(program.name for program in data.treatment),
    ]
    assert data.naloxone, "the sample directory has naloxone places"
    assert [phrase for phrase in wanted if phrase not in text] == [], text
    assert plain(t("public_alert.circulating", substances="x")).split(":")[0] not in text  # nothing reported


def test_the_spanish_alert_is_in_spanish() -> None:
    text = text_of(public_alert.build(samples.public_alert_sample(), "es", invariant=True))
    for spanish in (
        "No use drogas a solas",
        "Lleve naloxona",
        "Naloxona gratis",
        "En una emergencia, llame al 911",
    ):
        assert spanish in text
    for english in ("Do not use alone", "Carry naloxone", "In an emergency"):
        assert english not in text


@pytest.mark.parametrize("lang", LANGS)
def test_what_is_circulating_is_named_when_known_and_prints_as_typed(lang: str) -> None:
    data = samples.public_alert_sample(
        circulating=("fentanyl pressed as blue M30 <sample>", "xylazine & heroin")
    )
    text = text_of(public_alert.build(data, lang, invariant=True))
    assert "fentanyl pressed as blue M30 <sample>" in text and "xylazine & heroin" in text


def test_an_alert_of_the_unknown_area_speaks_of_the_city() -> None:
    text = text_of(
        public_alert.build(replace(samples.public_alert_sample(), area_name=""), "en", invariant=True)
    )
    assert text.count("Alexandria,") >= 1 and "Old Town" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_alert_renders(qapp: object, tmp_path: Path, lang: str) -> None:
    directory = Path(LOOK_DIR) if LOOK_DIR else tmp_path
    (png,) = render_pngs(samples.DOCUMENTS["public-alert"](lang, True), directory, f"public-alert-{lang}")
    assert png.stat().st_size > 10_000
