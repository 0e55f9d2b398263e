"""The sync client against a real central: uvicorn serving the real app on a loopback port, over
SQLite and PostgreSQL, and laptops that are real SQLCipher vaults enrolled with it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from burner_desk.central.app import create_app
from burner_desk.central.db import make_engine, migrate, sessions
from burner_desk.central.devices import new_enrollment_code
from burner_desk.services import access, users
from burner_desk.services import sync as sync_service
from burner_desk.services.sync import SyncReport
from burner_desk.storage.models import SYNCED_MODELS
from burner_desk.storage.outbox import to_wire
from burner_desk.sync.transport import TransportWrapper
from tests.conftest import SETUP, TEST_KDF
from tools import pgcluster


class LiveCentral:
    """The central app under uvicorn in a thread; `url` is where laptops reach it."""

    def __init__(self, db_url: str, *, ssl_files: tuple[Path, Path] | None = None) -> None:
        self.engine = make_engine(db_url)
        migrate(self.engine)
        self.db: sessionmaker[Session] = sessions(self.engine)
        port = pgcluster.free_port()
        scheme = "https" if ssl_files else "http"
        self.url = f"{scheme}://127.0.0.1:{port}"
        cert, key = ssl_files or (None, None)
        config = uvicorn.Config(
            create_app(self.engine),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_certfile=str(cert) if cert else None,
            ssl_keyfile=str(key) if key else None,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> LiveCentral:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("central did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)
        self.engine.dispose()

    def code(self, name: str = "desk", *, treatment_program: bool = False) -> str:
        return new_enrollment_code(self.db, name, treatment_program=treatment_program)


class CentralProcess:
    """`burner-desk-central serve` as its own process (with `serve_args`), so a test can kill it as an
    outage would (SIGKILL: no shutdown, no flush) and start it again on the same database and port, or
    stop it as an operator would (SIGTERM)."""

    def __init__(self, db_url: str, log: Path, *serve_args: str) -> None:
        self.db_url = db_url
        self.port = pgcluster.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log
        self._serve_args = serve_args
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> CentralProcess:
        command = [sys.executable, "-m", "burner_desk.central.cli", "--db", self.db_url]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                [*command, "serve", "--port", str(self.port), *self._serve_args],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"central exited at start: {self._log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("central did not answer its health check")

    def kill(self) -> None:
        assert self._process is not None
        self._process.kill()
        self._process.wait(timeout=30)

    def terminate(self) -> float:
        """SIGTERM; the seconds until the process was gone (killed after 20)."""
        assert self._process is not None
        started = time.monotonic()
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
        return time.monotonic() - started

    def code(self, name: str, *, treatment_program: bool = False) -> str:
        engine = make_engine(self.db_url)
        try:
            return new_enrollment_code(sessions(engine), name, treatment_program=treatment_program)
        finally:
            engine.dispose()


@pytest.fixture
def central_process(db_url: str, tmp_path: Path) -> Iterator[CentralProcess]:
    server = CentralProcess(db_url, tmp_path / "central.log").start()
    yield server
    server.kill()


@pytest.fixture
def central_factory(db_url: str) -> Iterator[Callable[[], LiveCentral]]:
    """A fresh central per call, on the test's backend (SQLite or PostgreSQL): for tests that run several
    departments in one test (every order of three laptops, hypothesis examples)."""
    made: list[LiveCentral] = []

    def make() -> LiveCentral:
        if db_url.startswith("sqlite"):
            url = f"sqlite:///{tempfile.mkdtemp(prefix='central-')}/central.db"
        else:
            url = _fresh_postgres_database(db_url)
        made.append(LiveCentral(url).start())
        return made[-1]

    yield make
    for server in made:
        server.stop()


def _fresh_postgres_database(url: str) -> str:
    """An empty database beside the test's own on the same cluster (LiveCentral migrates it)."""
    name = f"central_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def live_central(db_url: str) -> Iterator[LiveCentral]:
    server = LiveCentral(db_url).start()
    yield server
    server.stop()


@dataclass
class Laptop:
    """A laptop's vault, signed in, that can enroll with central and sync."""

    signed_in: access.SignedIn
    wrap: TransportWrapper | None = None

    def enroll(
        self,
        central: LiveCentral | CentralProcess,
        *,
        treatment_program: bool = False,
        ca_pem: str | None = None,
    ) -> sync_service.EnrollmentView:
        code = central.code(self.signed_in.device_name, treatment_program=treatment_program)
        return sync_service.enroll(self.signed_in, central.url, code, ca_pem=ca_pem)

    def sync(self) -> SyncReport:
        return sync_service.sync_now(self.signed_in, wrap_transport=self.wrap)

    def status(self) -> sync_service.SyncStatus:
        return sync_service.status(self.signed_in.uow)


def new_laptop(directory: Path, device_name: str) -> Laptop:
    setup = SETUP.__class__(**{**SETUP.__dict__, "device_name": device_name})
    return Laptop(access.first_run_setup(directory, setup, kdf=TEST_KDF))


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[list[Laptop]]:
    """Three fresh laptops (same supervisor name, different vaults); tests take what they need."""
    made = [new_laptop(tmp_path / f"desk-{n}", f"desk-{n}") for n in range(3)]
    yield made
    for laptop in made:
        if not laptop.signed_in.vault.closed:
            laptop.signed_in.vault.close()


def add_social_worker(laptop: Laptop, name: str = "casey.nguyen") -> users.UserView:
    return users.add_user(
        laptop.signed_in,
        users.NewUserInput(
            user_name=name,
            display_name="Casey Nguyen (sample)",
            role=users.Role.SOCIAL_WORKER,
            passphrase="Cedar-Orchard-0102",
            badge_no="",
            direct_phone="",
        ),
        kdf=TEST_KDF,
    )


def synced_data(laptop: Laptop, *, user_names: bool = True) -> dict[tuple[str, uuid.UUID], dict[str, Any]]:
    """Every synced record as this laptop holds it. `user_names=False` leaves out sign-in names, which differ
    between laptops while a clash waits for a supervisor's rename (another laptop's user gets a suffix)."""
    data: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
    with Session(laptop.signed_in.vault.engine) as session:
        for model in SYNCED_MODELS:
            for row in session.scalars(select(model)):
                fields = {c.key: to_wire(getattr(row, c.key)) for c in model.__table__.columns}
                if model.__entity__ == "user" and not user_names:
                    fields.pop("name")
                data[(model.__entity__, row.id)] = fields
    return data
