"""burner-desk-admin: the command line (composition root for scripts and IT).

Exit codes: 0 done / intact, 1 the vault cannot be opened or failed a check, 2 usage error or refusal.
Every failure is one readable line on stderr; a traceback would put a technical dump (or worse, record
content) in front of a person who can do nothing with it.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.paths import app_version, default_data_dir
from burner_desk.printing import samples
from burner_desk.services import access, demo
from burner_desk.services import backup as backup_service
from burner_desk.services import sync as sync_service
from burner_desk.storage.vault import DB_FILE

PASSPHRASE_ENV = "BURNER_DESK_PASSPHRASE"  # noqa: S105 (the variable's name, not a secret)
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Refused(Exception):
    """The command will not run as asked (exit 2, nothing changed)."""


class CheckFailed(Exception):
    """The vault opened but failed a check (exit 1)."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except Refused as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (BurnerDeskError, CheckFailed) as exc:
        return _fail(str(exc), EXIT_FAILED)
    except SQLAlchemyError as exc:
        # Damaged pages already arrive as VaultDamaged; this is the rest (busy, disk full, I/O error).
        return _fail(f"The vault database cannot be used: {_first_line(exc)}.")
    except OSError as exc:
        return _fail(f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}".rstrip(": "))
    except (EOFError, KeyboardInterrupt):
        return _fail("Cancelled.", EXIT_USAGE)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="burner-desk-admin", description="Create, check and inspect burner_desk vaults."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    _vault_options(parser, None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # Also accepted after the command name; SUPPRESS keeps an absent option from hiding the global one.
        _vault_options(sub, argparse.SUPPRESS)
        sub.set_defaults(run=run)
        return sub

    command("demo", _demo, "create a vault filled with invented sample data and print its users")
    command("verify", _verify, "check integrity, schema revision and audit chain (exit 0 when intact)")
    command("stats", _stats, "print the number of live rows per entity as one JSON object")
    print_samples = command(
        "print-samples", _print_samples, "write every printout in every language, for invented sample data"
    )
    print_samples.add_argument("outdir", type=Path, metavar="OUTDIR", help="where the PDFs go")
    backup = command(
        "backup", _backup, "write an encrypted backup of the vault to FILE, a new file outside DIR"
    )
    restore = command(
        "restore",
        _restore,
        "check the backup FILE, then put it in place of the vault in DIR (close the app first); "
        "the previous vault files are kept in DIR/replaced-<time>/",
    )
    for sub in (backup, restore):
        sub.add_argument("file", type=Path, metavar="FILE", help="the backup file")
    enroll = command(
        "enroll", _enroll, "enroll this laptop with central using a supervisor's one-time code (supervisors)"
    )
    enroll.add_argument("--server", required=True, metavar="URL", help="central's address, https://…")
    enroll.add_argument(
        "--code", required=True, metavar="CODE", help="the code from `burner-desk-central enroll-code`"
    )
    enroll.add_argument(
        "--ca-file", type=Path, metavar="PEM", help="the CA certificate central's certificate is signed by"
    )
    enroll.add_argument(
        "--again",
        action="store_true",
        help="enroll a laptop central no longer knows; what waits to sync is kept",
    )
    command("sync", _sync, "send this laptop's changes to central, then fetch everyone else's")
    return parser


def _vault_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help="the vault directory (default: the app's data directory)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help=f"sign-in name; the passphrase comes from ${PASSPHRASE_ENV} or a prompt",
    )


# --- commands ------------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    # No default here: invented people must never land where the real vault belongs.
    if args.data_dir is None:
        raise Refused("demo needs --data-dir DIR: the directory for the sample vault.")
    directory = _data_dir(args)
    if not access.needs_setup(directory) or (directory / DB_FILE).exists():
        raise Refused(f"{directory} already holds a vault: choose an empty directory for the demo.")
    for user in demo.create_demo_vault(directory):
        print(f"user: {user.name} passphrase: {user.passphrase}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        problem = signed_in.vault.verify()
        if problem is not None:
            raise CheckFailed(problem)
    print("ok")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in, signed_in.uow.begin(signed_in.actor) as tx:
        counts = tx.live_counts()
        # Unlike verify, this takes information out of the vault: audited as its own action.
        tx.record("admin.stats", entity="vault")
    print(json.dumps(counts, sort_keys=True))
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    try:
        backup_service.check_target(_data_dir(args), args.file)  # before a passphrase is asked for
        with _signed_in(args) as signed_in:
            info = backup_service.backup(signed_in, args.file)
    except backup_service.UnsafeTarget as exc:
        raise Refused(str(exc)) from exc
    print(f"backup written: {info.path}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    # No sign-in to the current vault: it may be the damaged thing being replaced.
    if not args.user:
        raise Refused("--user NAME is required: a supervisor whose passphrase opens the backup.")
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        passphrase = getpass.getpass(f"Passphrase for {args.user}: ")
    directory = _data_dir(args)
    restored = backup_service.restore(directory, Path(args.file).expanduser(), args.user, passphrase)
    where = (
        f"the previous vault files are in {restored.replaced}"
        if restored.replaced
        else "there was no vault here before"
    )
    print(f"restored the backup made {restored.backup_made_at} into {directory}; {where}")
    return EXIT_OK


def _enroll(args: argparse.Namespace) -> int:
    ca_pem = Path(args.ca_file).expanduser().read_text(encoding="ascii") if args.ca_file else None
    with _signed_in(args) as signed_in:
        enrolled = sync_service.enroll(signed_in, args.server, args.code, ca_pem=ca_pem, again=args.again)
    pinned = "its key pinned" if enrolled.pinned else "plain http to this machine, no pin"
    print(f"enrolled: device {enrolled.central_device_id} at {enrolled.server_url} ({pinned})")
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    def show(progress: sync_service.SyncProgress) -> None:
        of = f"/{progress.total}" if progress.total is not None else ""
        print(f"{progress.phase}: {progress.done}{of}", file=sys.stderr)

    with _signed_in(args) as signed_in:
        report = sync_service.sync_now(signed_in, progress=show)
    print(report.summary())
    # Last, in one form a script can read: records held back and conflicts nobody has settled yet
    print(f"needs a person: {report.needs_person}")
    return EXIT_OK


def _print_samples(args: argparse.Namespace) -> int:
    # Built-in sample data: no vault is opened, so --data-dir is accepted but not needed.
    for path in samples.write_all(Path(args.outdir).expanduser()):
        print(path)
    return EXIT_OK


# --- helpers -------------------------------------------------------------------------------------


def _data_dir(args: argparse.Namespace) -> Path:
    return default_data_dir() if args.data_dir is None else Path(args.data_dir).expanduser()


@contextmanager
def _signed_in(args: argparse.Namespace) -> Iterator[access.SignedIn]:
    """Sign in (audited), run the block, lock (audited, key dropped)."""
    if not args.user:
        raise Refused("--user NAME is required to open a vault.")
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        passphrase = getpass.getpass(f"Passphrase for {args.user}: ")
    signed_in = access.sign_in(_data_dir(args), args.user, passphrase)
    try:
        yield signed_in
    except BaseException:
        # The block's failure is what gets reported. A damaged vault may refuse the lock's audit event
        # too, and `access.lock` closes the vault and zeroes the key whatever happens.
        with contextlib.suppress(BurnerDeskError, SQLAlchemyError):
            access.lock(signed_in, "admin")
        raise
    access.lock(signed_in, "admin")
    if signed_in.keystore_warning:
        print(f"warning: {signed_in.keystore_warning}", file=sys.stderr)


def _first_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    return str(cause).splitlines()[0] if str(cause) else type(cause).__name__


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"burner-desk-admin: {' '.join(message.split())}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
