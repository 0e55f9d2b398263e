import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

from burner_desk import app, instance_lock, logs, paths
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE


def _png(path: Path) -> QImage:
    assert path.stat().st_size > 0
    image = QImage(str(path))
    assert not image.isNull()
    return image


def test_screenshot_of_an_empty_data_dir_is_the_setup_dialog(tmp_path: Path) -> None:
    png = tmp_path / "setup.png"
    assert app.main(["--data-dir", str(tmp_path / "new"), "--screenshot", str(png)]) == 0
    assert _png(png).height() > 400
    assert not (tmp_path / "new" / "keyslots.json").exists()  # looking creates nothing


def test_screenshot_renders_the_unlock_window(locked_vault: Path, tmp_path: Path) -> None:
    png = tmp_path / "unlock.png"
    assert app.main(["--data-dir", str(locked_vault), "--screenshot", str(png)]) == 0
    image = _png(png)
    assert image.width() >= 480 and image.height() >= 360


def test_screenshot_with_user_signs_in_and_renders_the_main_window(
    locked_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(app.PASSPHRASE_ENV, SUPERVISOR_PASSPHRASE)
    png = tmp_path / "main.png"
    argv = ["--data-dir", str(locked_vault), "--user", SETUP.user_name, "--screenshot", str(png)]
    assert app.main(argv) == 0
    image = _png(png)
    assert image.width() >= 760 and image.height() >= 520  # the main window, not the unlock window


def test_screenshot_with_a_wrong_passphrase_fails_clearly(
    locked_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(app.PASSPHRASE_ENV, "Not the right one 1")
    png = tmp_path / "main.png"
    argv = ["--data-dir", str(locked_vault), "--user", SETUP.user_name, "--screenshot", str(png)]
    assert app.main(argv) == 1
    assert "Wrong user name or passphrase" in capsys.readouterr().err
    assert not png.exists()


def test_main_leaves_no_logging_handlers_behind(locked_vault: Path, tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    for run in range(2):  # a second main() must not find the first one's handlers, nor pile up its own
        assert app.main(["--data-dir", str(locked_vault), "--screenshot", str(tmp_path / f"{run}.png")]) == 0
        assert logs.installed_handlers() == []
        assert root.handlers == before
    log_text = (locked_vault / paths.LOG_SUBDIR / logs.LOG_FILE).read_text(encoding="utf-8")
    assert log_text.count(f"burner-desk {paths.app_version()} starting") == 2  # once per run, not per handler


def test_the_windows_carry_the_app_icon_from_resources(locked_vault: Path, tmp_path: Path) -> None:
    assert paths.resource_path(*app.APP_ICON).is_file()
    QApplication.setWindowIcon(QIcon())  # the test session's QApplication may have it from an earlier main()
    assert app.main(["--data-dir", str(locked_vault), "--screenshot", str(tmp_path / "unlock.png")]) == 0
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 6).name() == "#1f5fa8"  # the program's blue, drawn


APP_COMMAND = [sys.executable, "-c", "import sys; from burner_desk import app; sys.exit(app.main())"]


@contextmanager
def _running_app(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The real app in its own process, offscreen, once its first window is up (its start line logged)."""
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    running = subprocess.Popen([*APP_COMMAND, "--data-dir", str(data_dir)], env=environment)
    log_file = data_dir / paths.LOG_SUBDIR / logs.LOG_FILE
    try:
        deadline = time.monotonic() + 60
        while not (log_file.exists() and "starting" in log_file.read_text(encoding="utf-8")):
            assert running.poll() is None and time.monotonic() < deadline, "the app did not start"
            time.sleep(0.1)
        yield running
    finally:
        running.kill()
        running.wait()


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM and SIGINT as POSIX sends them")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_app_as_quit_does(locked_vault: Path, stop: signal.Signals) -> None:
    """Ctrl+C and the system's stop end the event loop cleanly (exit 0), instead of being held until the
    next Python code runs (it ran 10 minutes after a Ctrl+C)."""
    with _running_app(locked_vault) as running:
        running.send_signal(stop)
        assert running.wait(timeout=10) == 0
    assert not (locked_vault / paths.LOG_SUBDIR / logs.NATIVE_CRASH_FILE).exists()


def test_the_running_app_keeps_a_second_app_and_a_restore_off_its_vault(locked_vault: Path) -> None:
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    with _running_app(locked_vault) as running:
        second = subprocess.run(
            [*APP_COMMAND, "--data-dir", str(locked_vault)], env=environment, capture_output=True, text=True
        )
        assert second.returncode == 1 and "already open" in second.stderr
        with pytest.raises(instance_lock.VaultInUse):
            instance_lock.check_not_in_use(locked_vault)
        running.terminate()
        running.wait(timeout=10)
    instance_lock.check_not_in_use(locked_vault)  # the lock went with the process
