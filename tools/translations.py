"""`make translations`: the UI catalogs, resources/i18n/burner_desk_<lang>.ts (for translators, Qt Linguist)
and the compiled .qm the app loads (committed, so `make run`, `make test` and the frozen bundle need no
build step).

    python tools/translations.py            # lupdate (new strings in, vanished ones out), then lrelease
    python tools/translations.py --check    # exit 1 if a .ts misses a string in the code or a .qm is stale

A new language: add its code to LANGUAGES, run this, translate the new .ts in Qt Linguist, run it again,
and name it in burner_desk/ui/i18n.py and domain.people.Language.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "resources" / "i18n"
SOURCES = [ROOT / "burner_desk" / "ui", ROOT / "burner_desk" / "app.py"]
LANGUAGES = ("es", "en")
# English is the source language: its catalog holds only the plural forms ("%n phone(s)" -> "1 phone").
PLURAL_ONLY = {"en"}
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    files = [path for root in SOURCES for path in ([root] if root.is_file() else sorted(root.rglob("*.py")))]
    return [str(path) for path in files]


def catalog(lang: str, suffix: str) -> Path:
    return CATALOGS / f"burner_desk_{lang}.{suffix}"


def lupdate(ts: Path, lang: str) -> None:
    # No source locations: a catalog does not change when code moves, so branches merge cleanly.
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources(),
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            lang,
            *(["-pluralonly"] if lang in PLURAL_ONLY else []),
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def build() -> None:
    CATALOGS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        lupdate(catalog(lang, "ts"), lang)
        lrelease(catalog(lang, "ts"), catalog(lang, "qm"))
        print(f"{catalog(lang, 'ts').relative_to(ROOT)} and .qm written")


def check() -> int:
    """The committed catalogs against the code: every string extracted, every .qm built from its .ts."""
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for lang in LANGUAGES:
            ts = Path(scratch) / catalog(lang, "ts").name
            ts.write_bytes(catalog(lang, "ts").read_bytes())
            lupdate(ts, lang)
            if ts.read_bytes() != catalog(lang, "ts").read_bytes():
                stale.append(f"{catalog(lang, 'ts').relative_to(ROOT)} (strings added or gone in the code)")
            qm = Path(scratch) / "fresh.qm"
            lrelease(catalog(lang, "ts"), qm)
            if not catalog(lang, "qm").exists() or qm.read_bytes() != catalog(lang, "qm").read_bytes():
                stale.append(f"{catalog(lang, 'qm').relative_to(ROOT)} (not built from its .ts)")
    for what in stale:
        print(f"out of date: {what}; run `make translations`", file=sys.stderr)
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the catalogs are current")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
