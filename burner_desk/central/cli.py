"""`burner-desk-central`: serve the sync API, make enrollment codes, list and revoke devices, approve
their claims of users.

burner-desk-central --db URL serve --host H --port P [--cert CERT --key KEY] [--forwarded-allow-ips IPS]
    [--body-timeout S] [--header-timeout S] [--limit-concurrency N]
burner-desk-central --db URL enroll-code --name NAME [--treatment-program]    # the code alone on the last line
burner-desk-central --db URL devices                    # one JSON object per line
burner-desk-central --db URL revoke DEVICE_ID
burner-desk-central --db URL events [--last N]          # central's audit trail, one JSON object per line
burner-desk-central --db URL pending-users              # claims waiting for approval, one JSON object per line
burner-desk-central --db URL approve-user DEVICE_ID USER_ID
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, make_url

from burner_desk.central import devices
from burner_desk.central.app import create_app
from burner_desk.central.db import default_url, make_engine, migrate, sessions
from burner_desk.central.guards import BODY_TIMEOUT
from burner_desk.central.push_turns import PushTurns
from burner_desk.central.server import ServeOptions, serve
from burner_desk.paths import app_version
from burner_desk.sync import protocol

DB_ENV = "BURNER_DESK_CENTRAL_DB"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burner-desk-central", description="The burner_desk central sync server."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    database = parser.add_mutually_exclusive_group()
    database.add_argument(
        "--db",
        metavar="URL",
        help=f"database URL, e.g. postgresql://central@db.example/central; or set {DB_ENV} (default: a "
        "trial SQLite database on this machine). Keep the password out of it: libpq reads PGPASSFILE",
    )
    database.add_argument(
        "--db-file",
        type=Path,
        metavar="FILE",
        help="a file holding the database URL (readable by central only)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the sync API")
    serve.add_argument("--host", default=ServeOptions.host)
    serve.add_argument("--port", type=int, default=ServeOptions.port)
    serve.add_argument("--cert", help="TLS certificate (PEM); required unless serving on loopback")
    serve.add_argument("--key", help="TLS private key (PEM)")
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="ADDRESSES",
        help="reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed, "
        "comma-separated addresses or networks, or * (default: none; the client is the connection's peer)",
    )
    serve.add_argument(
        "--body-timeout",
        type=_positive,
        default=BODY_TIMEOUT,
        metavar="SECONDS",
        help=f"a request body not all in by then gets 408 (default {BODY_TIMEOUT:g})",
    )
    serve.add_argument(
        "--header-timeout",
        type=_positive,
        default=ServeOptions.header_timeout,
        metavar="SECONDS",
        help=f"a connection whose request headers are not all in by then is closed "
        f"(default {ServeOptions.header_timeout})",
    )
    serve.add_argument(
        "--limit-concurrency",
        type=_positive,
        default=ServeOptions.limit_concurrency,
        metavar="N",
        help=f"connections at once; beyond, requests get 503 (default {ServeOptions.limit_concurrency})",
    )
    code = commands.add_parser("enroll-code", help="print a one-time enrollment code (valid 24 hours)")
    code.add_argument("--name", required=True, help="the laptop it is meant for")
    code.add_argument(
        "--treatment-program",
        action="store_true",
        help="the treatment program's own client: it sees follow-up outcomes (42 CFR Part 2)",
    )
    commands.add_parser("devices", help="list enrolled devices, one JSON object per line")
    events = commands.add_parser(
        "events", help="central's audit trail, newest last, one JSON object per line"
    )
    events.add_argument("--last", type=int, default=100, metavar="N", help="how many (default 100)")
    revoke = commands.add_parser("revoke", help="revoke a device: its next sync wipes it")
    revoke.add_argument("device_id", type=uuid.UUID)
    commands.add_parser(
        "pending-users",
        help="laptops' claims of users central knows from another laptop, waiting for approval",
    )
    approve = commands.add_parser(
        "approve-user", help="let a laptop act for a user it claimed (see pending-users)"
    )
    approve.add_argument("device_id", type=uuid.UUID)
    approve.add_argument("user_id", type=uuid.UUID)
    return parser


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    if args.db_file:
        return Path(args.db_file).expanduser().read_text(encoding="utf-8").strip()
    return os.environ.get(DB_ENV) or default_url()


def _has_password(url: str) -> bool:
    try:
        return make_url(url).password is not None
    except ValueError:  # not a URL at all: make_engine says so below
        return False


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _serve(args: argparse.Namespace, engine: Engine) -> int:
    push_turns = PushTurns()
    app = create_app(engine, push_turns=push_turns, body_timeout=args.body_timeout)
    # What is loaded by now lives as long as the server: keep it out of the cyclic collector's full
    # passes, which a push's many short-lived objects set off again and again. Measured: a third of
    # central's time on a push of 16,000 mutations went to walking this heap. Checked again (issue 14):
    # without it, and without the wider young generation tried beside it, central's CPU in a push rose
    # by a quarter (benchmarks.push_tricks); the wider young generation alone added nothing, and went.
    gc.freeze()
    options = ServeOptions(
        host=args.host,
        port=args.port,
        cert=args.cert,
        key=args.key,
        forwarded_allow_ips=args.forwarded_allow_ips,
        header_timeout=args.header_timeout,
        limit_concurrency=args.limit_concurrency,
    )
    return serve(app, options, on_stop=push_turns.stop)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "serve" and bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.command == "serve" and not args.cert and not protocol.is_loopback(args.host):
        parser.error(f"refusing plain HTTP on {args.host}: give --cert and --key, or serve on 127.0.0.1")
    if args.command == "enroll-code" and not protocol.is_label(args.name):
        parser.error("--name takes 1 to 200 characters, and no control characters")
    if args.db and _has_password(args.db):
        parser.error(
            f"--db holds a password, which ps and shell history show: give the URL with --db-file or {DB_ENV}, "
            "or the password in PGPASSFILE or ~/.pgpass"
        )
    url = _database_url(args)
    # Which database, always: a mistyped or missing setting must not go unnoticed on a trial SQLite
    print(
        f"burner-desk-central: database {make_url(url).render_as_string(hide_password=True)}", file=sys.stderr
    )
    engine = make_engine(url)
    migrate(engine)
    db = sessions(engine)
    if args.command == "serve":
        return _serve(args, engine)
    elif args.command == "enroll-code":
        print(f"One-time enrollment code for {args.name!r}, valid for 24 hours:")
        print(devices.new_enrollment_code(db, args.name, treatment_program=args.treatment_program))
    elif args.command == "devices":
        for device in devices.list_devices(db):
            last_seen = device.last_seen.isoformat() if device.last_seen else None
            print(
                json.dumps(
                    {
                        "id": str(device.id),
                        "name": device.name,
                        "last_seen": last_seen,
                        "revoked": device.revoked,
                    }
                )
            )
    elif args.command == "events":
        for event in devices.recent_events(db, args.last):
            print(json.dumps(event))
    elif args.command == "pending-users":
        for claim in devices.pending_claims(db):
            print(json.dumps(claim))
    elif args.command == "approve-user":
        if not devices.approve_user(db, args.device_id, args.user_id):
            print(f"device {args.device_id} claimed no user {args.user_id}", file=sys.stderr)
            return 1
        print(f"approved: device {args.device_id} acts for user {args.user_id}")
    elif not devices.revoke(db, args.device_id):
        print(f"no device {args.device_id}", file=sys.stderr)
        return 1
    else:
        print(f"revoked {args.device_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
