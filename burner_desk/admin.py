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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from burner_desk.domain import metrics
from burner_desk.domain.errors import BurnerDeskError
from burner_desk.domain.people import Role
from burner_desk.instance_lock import VaultInUse, check_not_in_use
from burner_desk.paths import app_version, create_private_file, default_data_dir
from burner_desk.printing import samples
from burner_desk.services import access, coresponse, demo, odmap, program, spikes, users
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
    # No abbreviations: `--code` must not pass for `--code-file`, nor any option for another
    parser = argparse.ArgumentParser(
        prog="burner-desk-admin",
        description="Create, check and inspect burner_desk vaults.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    _vault_options(parser, None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
        # Also accepted after the command name; SUPPRESS keeps an absent option from hiding the global one.
        _vault_options(sub, argparse.SUPPRESS)
        sub.set_defaults(run=run)
        return sub

    init = command(
        "init",
        _init,
        "create a new, empty vault in DIR with its first supervisor (--user); the passphrase is asked "
        "for twice, or read from standard input",
    )
    init.add_argument("--agency", required=True, help="the agency's name, printed on documents")
    init.add_argument("--device-name", required=True, help="this laptop's name, e.g. 'Desk 7'")
    _person_options(init)
    command("demo", _demo, "create a vault filled with invented sample data and print its users")
    command("verify", _verify, "check integrity, schema revision and audit chain (exit 0 when intact)")
    command("stats", _stats, "print the number of live rows per entity as one JSON object")
    spike_alerts = command(
        "spikes", _spikes, "print the current spike alerts (areas, counts, rules, who acknowledged)"
    )
    spike_alerts.add_argument("--json", action="store_true", help="as one JSON object")
    pilot_report = command(
        "coresponse-report",
        _coresponse_report,
        "write the co-response pilot's figures for a month (ACORP) to OUT.pdf: counts only, no names",
    )
    pilot_report.add_argument("--month", required=True, metavar="YYYY-MM", help="the month, e.g. 2026-11")
    pilot_report.add_argument("out", type=Path, metavar="OUT.pdf", help="the PDF to write (a new file)")
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
        "--code-file",
        type=Path,
        metavar="FILE",
        help="a file holding the code from `burner-desk-central enroll-code` (otherwise it is asked for, "
        "or read from standard input; never an argument, which `ps` and the shell's history would show)",
    )
    enroll.add_argument(
        "--ca-file", type=Path, metavar="PEM", help="the CA certificate central's certificate is signed by"
    )
    enroll.add_argument(
        "--again",
        action="store_true",
        help="enroll a laptop central no longer knows; what waits to sync is kept",
    )
    odmap_export = command(
        "odmap-export",
        _odmap_export,
        "write the incidents that happened from --from to --to (local days, both included) as an ODMAP "
        "upload CSV: ODMAP's fields only, locations to the block (supervisors)",
    )
    odmap_export.add_argument("--from", dest="first_day", required=True, type=_day, metavar="YYYY-MM-DD")
    odmap_export.add_argument("--to", dest="last_day", required=True, type=_day, metavar="YYYY-MM-DD")
    odmap_export.add_argument(
        "--only-new",
        action="store_true",
        help="leave out incidents this laptop already exported and that have not changed since",
    )
    odmap_export.add_argument("out", type=Path, metavar="OUT.csv", help="a new file (never overwritten)")
    command("sync", _sync, "send this laptop's changes to central, then fetch everyone else's")
    figures = command(
        "metrics",
        _metrics,
        "the program's figures for encounters from one day to another, UTC days, both included "
        "(supervisors and the coordinator)",
    )
    figures.add_argument("--from", dest="first", required=True, type=_day, metavar="YYYY-MM-DD")
    figures.add_argument("--to", dest="last", required=True, type=_day, metavar="YYYY-MM-DD")
    figures.add_argument(
        "--json", action="store_true", help="one JSON object (otherwise one line per figure)"
    )
    report = command(
        "report",
        _report,
        "write the Work Group's monthly report: OUT.pdf and the same figures in OUT.csv beside it "
        "(supervisors and the coordinator; an existing file is never overwritten)",
    )
    report.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    report.add_argument("out", type=Path, metavar="OUT.pdf")
    command(
        "passphrase",
        _passphrase,
        "change your own passphrase (--user): the new one is asked for twice, or read from standard input",
    )
    users = command("users", _users_list, "list this vault's users (supervisors manage them)")
    user_commands = users.add_subparsers(dest="users_command", metavar="ACTION")

    def user_command(
        name: str, run: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = user_commands.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
        _vault_options(sub, argparse.SUPPRESS)
        sub.set_defaults(run=run)
        return sub

    user_command("list", _users_list, "one line per user: sign-in name, role, name")
    add = user_command(
        "add",
        _users_add,
        "add a user (supervisors); their first passphrase is asked for twice, or read from standard input",
    )
    add.add_argument("name", metavar="NAME", help="their sign-in name")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    _person_options(add)
    rename = user_command(
        "rename",
        _users_rename,
        "give a user a new sign-in name (supervisors): two people at two desks had the same one",
    )
    rename.add_argument("name", metavar="OLD", help="their sign-in name as `users list` shows it")
    rename.add_argument("new_name", metavar="NEW")
    remove = user_command("remove", _users_remove, "remove a user and their passphrase (supervisors)")
    remove.add_argument("name", metavar="NAME")
    reset = user_command(
        "reset-passphrase",
        _users_reset,
        "give a user who forgot theirs a new passphrase (supervisors): asked for twice, or read from "
        "standard input",
    )
    reset.add_argument("name", metavar="NAME")
    return parser


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--display-name", required=True, help="the name people see")
    parser.add_argument("--badge", default="", help="badge or staff number")
    parser.add_argument("--phone", default="", help="direct line, e.g. (703) 555-0100")


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


def _init(args: argparse.Namespace) -> int:
    if args.data_dir is None:
        raise Refused("init needs --data-dir DIR: where the vault goes (IT chooses it on purpose).")
    if not args.user:
        raise Refused("init needs --user NAME: the first supervisor's sign-in name.")
    directory = _data_dir(args)
    if not access.needs_setup(directory) or (directory / DB_FILE).exists():
        raise Refused(f"{directory} already holds a vault: nothing was changed.")
    setup = access.SetupInput(
        agency=args.agency,
        device_name=args.device_name,
        user_name=args.user,
        display_name=args.display_name,
        badge_no=args.badge,
        direct_phone=args.phone,
        passphrase=_new_passphrase(f"{args.user}'s passphrase"),
    )
    signed_in = access.first_run_setup(directory, setup)
    access.lock(signed_in, "admin")
    print(f"vault created in {directory}; supervisor: {signed_in.actor.user_name}")
    if signed_in.keystore_warning:
        print(f"warning: {signed_in.keystore_warning}", file=sys.stderr)
    return EXIT_OK


def _passphrase(args: argparse.Namespace) -> int:
    with _signed_in_with_passphrase(args) as (signed_in, current):
        users.change_own_passphrase(signed_in, current, _new_passphrase("your new passphrase"))
    print(f"passphrase changed for {args.user}")
    return EXIT_OK


def _users_list(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        listed = users.users(signed_in.uow)
    for user in listed:
        print(f"{user.user_name}\t{user.role.value}\t{user.display_name}")
    return EXIT_OK


def _users_add(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        added = users.add_user(
            signed_in,
            users.NewUserInput(
                user_name=args.name,
                display_name=args.display_name,
                role=Role(args.role),
                badge_no=args.badge,
                direct_phone=args.phone,
                passphrase=_new_passphrase(f"{args.name}'s first passphrase"),
            ),
        )
    print(f"added {added.user_name} ({added.role.value})")
    return EXIT_OK


def _users_rename(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        found = [user for user in users.users(signed_in.uow) if user.user_name == args.name]
        if not found:
            raise Refused(f"No user {args.name} here (see `users list`).")
        renamed = users.rename_user(signed_in, found[0].id, args.new_name)
    print(f"renamed {args.name} to {renamed.user_name}; the next sync tells the other laptops")
    return EXIT_OK


def _users_remove(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        removed = users.remove_user(signed_in, args.name, datetime.now(UTC))
    print(f"removed {removed.user_name}; their passphrase no longer opens this vault")
    return EXIT_OK


def _users_reset(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        reset = users.reset_passphrase(signed_in, args.name, _new_passphrase(f"{args.name}'s new passphrase"))
    print(f"new passphrase set for {reset.user_name}")
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


def _spikes(args: argparse.Namespace) -> int:
    with _signed_in(args) as signed_in:
        found = spikes.board(signed_in.uow, datetime.now(UTC), taken_out_by=signed_in.actor)
    if args.json:
        print(json.dumps(spikes.as_json(found), sort_keys=True))
        return EXIT_OK
    for alert in found.alerts:
        status = alert.status
        rules = " and ".join(rule.value for rule in status.rules)
        told = "acknowledged by " + ", ".join(ack.acknowledged_by for ack in alert.acknowledgements)
        print(
            f"{status.name}: {status.incidents} in 24 hours ({rules}); {told if alert.acknowledged else 'not acknowledged'}"
        )
    if not found.alerts:
        print("No spike alerts.")
    return EXIT_OK


def _coresponse_report(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.exists():
        raise Refused(f"{out} exists already: name a new file.")
    with _signed_in(args) as signed_in:
        pdf = coresponse.monthly_report(signed_in.uow, signed_in.actor, args.month)
    descriptor = create_private_file(out)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pdf)
    print(out)
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
    try:
        check_not_in_use(directory)
    except VaultInUse as exc:
        raise Refused(f"{exc} Quit the app first, then restore: nothing was changed.") from exc
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
    code = _enrollment_code(args.code_file)
    with _signed_in(args) as signed_in:
        enrolled = sync_service.enroll(signed_in, args.server, code, ca_pem=ca_pem, again=args.again)
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


def _metrics(args: argparse.Namespace) -> int:
    period = metrics.Period(args.first, args.last)
    with _signed_in(args) as signed_in:
        found = program.figures(signed_in.uow, signed_in.actor, period, datetime.now(UTC))
        # The co-response pilot's calls on the same UTC days (coresponse counts days up to an end).
        days = (period.first, period.last + timedelta(days=1))
        pilot = coresponse.co_response_figures(signed_in.uow, days, tz=UTC).as_json()
    if args.json:
        print(json.dumps(metrics.as_json(found) | {"co_response": pilot}, sort_keys=False))
    else:
        for line in metrics.lines(found):
            print(f"{line.section}: {line.label}: {metrics.as_text(line)}")
        print(f"co_response: {json.dumps(pilot)}")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise Refused("the report's file name must end in .pdf (the CSV goes beside it).")
    for path in (out, out.with_suffix(".csv")):
        if path.exists():
            raise Refused(f"{path} already exists: nothing was written. Choose another name.")
    with _signed_in(args) as signed_in:
        report = program.monthly_report(
            signed_in.uow, signed_in.actor, args.month, datetime.now(UTC), signed_in.agency
        )
    for path in program.save_report(report, out):
        print(path)
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None


def _month(text: str) -> metrics.Period:
    try:
        year, month = (int(part) for part in text.split("-"))
        return metrics.Period.month(year, month)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month as YYYY-MM") from None


def _odmap_export(args: argparse.Namespace) -> int:
    target = Path(args.out).expanduser()
    if target.exists():
        raise Refused(f"{target} already exists: choose a new file name (nothing was exported).")
    with _signed_in(args) as signed_in:
        export = odmap.export_to_file(
            signed_in.uow,
            signed_in.actor,
            args.first_day,
            args.last_day,
            target,
            datetime.now(UTC),
            only_new=args.only_new,
        )
    left_out = (
        f"; {export.left_out_unchanged} exported before and unchanged left out" if args.only_new else ""
    )
    print(f"{export.rows} incidents written to {target}{left_out}")
    return EXIT_OK


def _print_samples(args: argparse.Namespace) -> int:
    # Built-in sample data: no vault is opened, so --data-dir is accepted but not needed.
    for path in samples.write_all(Path(args.outdir).expanduser()):
        print(path)
    return EXIT_OK


# --- helpers -------------------------------------------------------------------------------------


def _enrollment_code(code_file: Path | None) -> str:
    if code_file is not None:
        return Path(code_file).expanduser().read_text(encoding="ascii").strip()
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return getpass.getpass("Enrollment code from central: ").strip()


def _new_passphrase(whose: str) -> str:
    """A new passphrase: one line of standard input when it is not a terminal (scripts), else asked for
    twice. Never an argument: the command line shows in `ps` and in the shell's history."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"{whose[:1].upper()}{whose[1:]}: ")
    if getpass.getpass("Once more: ") != first:
        raise Refused("The two passphrases differ: nothing was changed.")
    return first


def _data_dir(args: argparse.Namespace) -> Path:
    return default_data_dir() if args.data_dir is None else Path(args.data_dir).expanduser()


@contextmanager
def _signed_in(args: argparse.Namespace) -> Iterator[access.SignedIn]:
    """Sign in (audited), run the block, lock (audited, key dropped)."""
    with _signed_in_with_passphrase(args) as (signed_in, _passphrase):
        yield signed_in


@contextmanager
def _signed_in_with_passphrase(args: argparse.Namespace) -> Iterator[tuple[access.SignedIn, str]]:
    """As _signed_in, also handing over the passphrase that opened the vault (to change it)."""
    if not args.user:
        raise Refused("--user NAME is required to open a vault.")
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        passphrase = getpass.getpass(f"Passphrase for {args.user}: ")
    signed_in = access.sign_in(_data_dir(args), args.user, passphrase)
    try:
        yield signed_in, passphrase
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
