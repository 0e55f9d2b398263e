"""The main window's code loads on the DB executor while the passphrase is typed (issue 17): imported on the
UI thread after the unlock, it held the event loop for about 0.8 s of CPU. Checked in a fresh interpreter,
which has imported what the app has when its unlock window is up, and nothing more."""

from __future__ import annotations

import json
import os
import subprocess
import sys

MAIN_WINDOW = "burner_desk.ui.main.main_window"

PROBE = f"""
import json, sys, threading
from PySide6.QtWidgets import QApplication
from burner_desk import app as _app  # what the app imports before its first window
from burner_desk.ui.shell import load_main_window_code

application = QApplication(sys.argv[:1])
before = {MAIN_WINDOW!r} in sys.modules
worker = threading.Thread(target=load_main_window_code)  # as the DB executor runs it
worker.start()
worker.join()
print(json.dumps([before, {MAIN_WINDOW!r} in sys.modules]))
"""


def test_the_main_window_code_is_imported_off_the_ui_thread_before_the_unlock() -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert json.loads(ran.stdout.splitlines()[-1]) == [False, True]
    # Imports only: a widget, pixmap or timer made on that thread would make Qt complain here.
    assert "thread" not in ran.stderr.lower(), ran.stderr[-2000:]
