"""Every window, view, dialog and wizard page fits a 1366×768 laptop screen at 125 % and 150 % scaling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.fit_on_screen import offscreen_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_every_window_fits_a_1366_by_768_screen_at(scale: str, tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "QT_SCALE_FACTOR": scale,
        "QT_QPA_PLATFORM": offscreen_config(tmp_path),
        "HOME": str(tmp_path),  # the app's own folders, not the user's
    }
    checked = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_on_screen"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr[-3000:]
