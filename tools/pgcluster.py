"""A throwaway PostgreSQL cluster for the tests (tests/postgres.py) and the sync benchmark
(benchmarks/sync.py).

PostgreSQL runs from the machine image's binaries as an unprivileged user (initdb refuses root) in a temp
dir, on a free loopback port, and is removed when the `with` block ends.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_TOOLS = ("initdb", "pg_ctl", "postgres")
OLDEST_MAJOR = 15  # the version central runs on in production; newer ones work the same for the tests
PG_USER = "nobody"  # any unprivileged account; initdb and postgres refuse to run as root
# Skipping fsync keeps a test run short where durability is not what is tested.
NOT_DURABLE = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def _candidates() -> Iterator[Path]:
    """Where the server binaries live: BURNER_DESK_PG_BIN, then the usual places of Debian and Ubuntu,
    Fedora and RHEL (PGDG), Homebrew, and PATH (Fedora's own packages, Postgres.app)."""
    if chosen := os.environ.get("BURNER_DESK_PG_BIN"):
        yield Path(chosen)
        return
    for pattern in (
        "/usr/lib/postgresql/*/bin",
        "/usr/pgsql-*/bin",
        "/opt/homebrew/opt/postgresql@*/bin",
        "/usr/local/opt/postgresql@*/bin",
    ):
        yield from sorted((Path(found) for found in glob.glob(pattern)), key=_major, reverse=True)
    if initdb := shutil.which("initdb"):
        yield Path(initdb).parent


def _major(folder: Path) -> int:
    """The major version in a folder's name (/usr/lib/postgresql/16/bin: 16), newest first."""
    found = re.search(r"(\d+)", str(folder))
    return int(found.group(1)) if found else 0


def find_bin() -> Path | None:
    """The first folder holding every server tool, or None."""
    return next(
        (folder for folder in _candidates() if all((folder / tool).exists() for tool in PG_TOOLS)), None
    )


PG_BIN = find_bin() or Path("/usr/lib/postgresql/15/bin")  # used once missing_binaries() says ""


def missing_binaries() -> str:
    """Why a cluster cannot start here, or "" when it can."""
    if find_bin() is not None:
        return ""
    return (
        f"PostgreSQL {OLDEST_MAJOR} or newer (server) is not installed: the tests start a throwaway one. "
        "Install it (Debian/Ubuntu: sudo apt install postgresql; Fedora: sudo dnf install postgresql-server; "
        "macOS: brew install postgresql@15), or set BURNER_DESK_PG_BIN to the folder with initdb, pg_ctl "
        "and postgres."
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_pg_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command


@contextmanager
def throwaway_cluster(*, durable: bool) -> Iterator[str]:
    """Start a cluster; yields the URL of its `postgres` database. `durable=False` turns fsync off."""
    reason = missing_binaries()
    if reason:
        raise FileNotFoundError(reason)
    root = Path(tempfile.mkdtemp(prefix="burner-desk-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(PG_USER)
        os.chown(root, account.pw_uid, account.pw_gid)
    data, port = root / "data", free_port()
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w"]
    try:
        subprocess.run(
            _as_pg_user(
                [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=60"
        if not durable:
            options += f" {NOT_DURABLE}"
        subprocess.run(
            _as_pg_user([*pg_ctl, "-o", options, "start"]), check=True, capture_output=True, timeout=60
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([*pg_ctl, "-m", "immediate", "stop"]), check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    """The URL of another database in the same cluster."""
    return server_url.rsplit("/", 1)[0] + f"/{name}"
