"""`burner-desk-central`: serve the sync API, make enrollment codes, list and revoke devices, approve
their claims of users.

burner-desk-central --db URL serve --host H --port P [--cert CERT --key KEY]
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
import sys
import uuid
from collections.abc import Sequence

from burner_desk.central import devices
from burner_desk.central.db import default_url, make_engine, migrate, sessions
from burner_desk.sync import protocol


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burner-desk-central", description="The burner_desk central sync server."
    )
    parser.add_argument(
        "--db", help="SQLAlchemy URL, e.g. postgresql://user@host/db (default: SQLite on this machine)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the sync API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--cert", help="TLS certificate (PEM); required unless serving on loopback")
    serve.add_argument("--key", help="TLS private key (PEM)")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "serve" and bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.command == "serve" and not args.cert and not protocol.is_loopback(args.host):
        parser.error(f"refusing plain HTTP on {args.host}: give --cert and --key, or serve on 127.0.0.1")
    if args.command == "enroll-code" and not 0 < len(args.name) <= 200:
        parser.error("--name takes 1 to 200 characters")
    engine = make_engine(args.db or default_url())
    migrate(engine)
    db = sessions(engine)
    if args.command == "serve":
        import uvicorn  # only the server needs it

        from burner_desk.central.app import create_app

        app = create_app(engine)
        # What is loaded by now lives as long as the server: keep it out of the cyclic collector's full
        # passes, which a push's many short-lived objects set off again and again. Measured: a third of
        # central's time on a push of 16,000 mutations went to walking this heap.
        gc.freeze()
        # A push batch is some 100,000 objects, nearly all freed by reference counting when it is done;
        # a young generation of 10,000 rather than 700 is collected a fourteenth as often. Measured on a
        # push of 16,000 mutations: the collector's instructions nearly halved, 3% of central's total.
        gc.set_threshold(10_000, 10, 10)
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            ssl_certfile=args.cert,
            ssl_keyfile=args.key,
            access_log=False,  # request lines would carry device ids and cursors into plain logs
        )
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
