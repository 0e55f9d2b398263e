"""`burner-desk-central` as a real subprocess on a SQLite URL: the forms other tools rely on."""

from __future__ import annotations

import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from burner_desk.central.db import make_engine
from burner_desk.paths import app_version
from tests.central.conftest import Central
from tests.certificates import Authority

CODE = re.compile(r"^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$")


def central_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "burner_desk.central.cli", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_enroll_code_devices_and_revoke(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    made = central_cli(url, "enroll-code", "--name", "Desk 7 (sample)")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    assert CODE.match(code)
    central = Central(make_engine(url))
    enrolled = central.client.post(
        "/v1/enroll",
        json={"code": code, "device_name": "LAPTOP-4F7Q (sample)", "user_ids": [str(uuid.uuid4())]},
    ).json()
    token = {"Authorization": f"Bearer {enrolled['token']}"}
    assert central.client.get("/v1/sync/changes", headers=token).status_code == 200  # sets last_seen

    listed = [json.loads(line) for line in central_cli(url, "devices").stdout.splitlines()]
    events = [json.loads(line) for line in central_cli(url, "events").stdout.splitlines()]
    revoked = central_cli(url, "revoke", enrolled["device_id"])
    after = [json.loads(line) for line in central_cli(url, "devices").stdout.splitlines()]

    assert listed == [
        {
            "id": enrolled["device_id"],
            "name": "Desk 7 (sample)",
            "last_seen": listed[0]["last_seen"],
            "revoked": False,
        }
    ]
    assert listed[0]["last_seen"] is not None
    enrolled_event = next(event for event in events if event["action"] == "device.enroll")
    assert (enrolled_event["name"], enrolled_event["laptop_name"]) == (
        "Desk 7 (sample)",
        "LAPTOP-4F7Q (sample)",
    )
    assert revoked.returncode == 0 and after[0]["revoked"] is True
    assert central.client.get("/v1/sync/changes", headers=token).status_code == 401
    assert central_cli(url, "revoke", str(uuid.uuid4())).returncode == 1


def test_serve_refuses_plain_http_off_loopback(tmp_path: Path) -> None:
    refused = central_cli(
        f"sqlite:///{tmp_path / 'central.db'}", "serve", "--host", "192.0.2.10", "--port", "9"
    )

    assert refused.returncode == 2 and "plain HTTP" in refused.stderr
    assert not (tmp_path / "central.db").exists()  # refused before touching the database


def _health_from_served(tmp_path: Path, scheme: str, *serve_args: str, verify: Any = True) -> Any:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'central.db'}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "burner_desk.central.cli",
            "--db",
            url,
            "serve",
            "--port",
            str(port),
            *serve_args,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):  # start-up takes a second or two; give up after twenty
            try:
                return httpx.get(f"{scheme}://127.0.0.1:{port}/v1/health", timeout=1, verify=verify).json()
            except httpx.TransportError:
                time.sleep(0.2)
        return None
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_on_loopback_answers_health(tmp_path: Path) -> None:
    assert _health_from_served(tmp_path, "http") == {"status": "ok", "protocol": 1}


def test_serve_with_tls(tmp_path: Path) -> None:
    authority = Authority(tmp_path)
    cert_path, key_path = authority.issue("central")
    trusted = ssl.create_default_context(cadata=authority.pem)

    health = _health_from_served(
        tmp_path, "https", "--cert", str(cert_path), "--key", str(key_path), verify=trusted
    )

    assert health == {"status": "ok", "protocol": 1}


def test_version_and_a_name_with_control_characters(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    version = central_cli(url, "--version")
    refused = central_cli(url, "enroll-code", "--name", "Desk\x1b[2J7")

    assert version.returncode == 0 and version.stdout.strip() == f"burner-desk-central {app_version()}"
    assert refused.returncode == 2 and "control characters" in refused.stderr


def test_the_database_comes_from_a_file_or_the_environment_and_is_always_named(tmp_path: Path) -> None:
    """The URL (and a password in it) need not be on the command line, and every command says which
    database it works on, password hidden: a setting that went missing must not pass unnoticed."""
    url = f"sqlite:///{tmp_path / 'central.db'}"
    (tmp_path / "db-url").write_text(url + "\n")
    command = [sys.executable, "-m", "burner_desk.central.cli"]
    by_file = subprocess.run(
        [*command, "--db-file", str(tmp_path / "db-url"), "enroll-code", "--name", "Desk 7"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert by_file.returncode == 0, by_file.stderr
    assert f"database {url}" in by_file.stderr
    environment = {**os.environ, "BURNER_DESK_CENTRAL_DB": url}
    by_environment = subprocess.run(
        [*command, "devices"], env=environment, capture_output=True, text=True, timeout=60
    )
    assert by_environment.returncode == 0 and f"database {url}" in by_environment.stderr

    with_password = "postgresql://central:s3cret@127.0.0.1:1/central"
    hidden = subprocess.run(
        [*command, "devices"], env={**os.environ, "BURNER_DESK_CENTRAL_DB": with_password},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "postgresql://central:***@127.0.0.1:1/central" in hidden.stderr and "s3cret" not in hidden.stderr
    # On the command line a password is refused before anything runs: ps and shell history would show it.
    refused = subprocess.run(
        [*command, "--db", with_password, "devices"], capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 2 and "--db holds a password" in refused.stderr
    assert "s3cret" not in refused.stderr
