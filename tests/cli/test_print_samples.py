"""burner-desk-admin print-samples: every printout in every shipped language, as named PDF files."""

from __future__ import annotations

from pathlib import Path

from burner_desk.printing import samples, texts
from tests.cli.conftest import run


def test_print_samples_writes_every_document_in_every_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run("--data-dir", str(tmp_path / "no-vault"), "print-samples", str(out))
    assert done.code == 0, done.err
    expected = {f"{document}-{lang}.pdf" for document in samples.DOCUMENTS for lang in texts.languages()}
    assert {path.name for path in out.iterdir()} == expected
    assert {Path(line).name for line in done.out.splitlines()} == expected
    assert all((out / name).read_bytes().startswith(b"%PDF-") for name in expected)
    assert not (tmp_path / "no-vault").exists()  # sample data is built in: no vault is opened or made

    again = tmp_path / "again"
    assert run("print-samples", str(again)).code == 0
    assert all((again / name).read_bytes() == (out / name).read_bytes() for name in expected)


def test_print_samples_needs_an_output_directory() -> None:
    refused = run("print-samples")
    assert refused.code == 2
    assert "OUTDIR" in refused.err
