"""The program settings a service or the shell reads, kept in the vault (QSettings holds cosmetics only).

Anyone signed in reads them (Today compares stock with the thresholds; the shell arms the idle lock);
only a supervisor changes them, and every change is audited as "settings.change". One setting is each
user's own: the language of their screens, which anyone changes for themselves ("settings.change.language").
"""

from __future__ import annotations

from dataclasses import dataclass

from burner_desk.domain.errors import NotPermitted, ValidationError
from burner_desk.domain.people import Actor, Language, Role
from burner_desk.domain.session import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES, clamp_idle_minutes
from burner_desk.storage.uow import Transaction, UnitOfWork

IDLE_LOCK_MINUTES = "idle_lock_minutes"
SURVIVOR_LANGUAGE = "default_survivor_language"
FAMILY_LANGUAGE = "default_family_language"
STOCK_THRESHOLD_PHONES = "stock_threshold_phones"
STOCK_THRESHOLD_BAGS = "stock_threshold_bags"
PROGRAM_CALLS_BURNER = "program_calls_burner_without_consent"
UI_LANGUAGE_PREFIX = "ui_language:"  # + the user's id: one row per user, on this laptop only

MAX_THRESHOLD = 500  # more than a program ever stocks: a typo


@dataclass(frozen=True)
class VaultSettings:
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES
    survivor_language: Language = Language.EN
    family_language: Language = Language.EN
    stock_threshold_phones: int = 5
    stock_threshold_bags: int = 3
    # Where the city may choose (domain/consent.py): without the survivor's consent to share contact
    # info, may the treatment program still call the burner phone it programmed?
    program_calls_burner_without_consent: bool = True


DEFAULTS = VaultSettings()


def load(uow: UnitOfWork) -> VaultSettings:
    with uow.begin() as tx:
        return read(tx)


def may_change(actor: Actor) -> bool:
    """The laptop's settings (and its users and backups, in the Settings view) are a supervisor's."""
    return actor.role is Role.SUPERVISOR


def save(uow: UnitOfWork, actor: Actor, data: VaultSettings) -> VaultSettings:
    """Refuses (with the field and reason) rather than clamps: a supervisor should see what is kept."""
    if not may_change(actor):
        raise NotPermitted("Only a supervisor can change the settings.")
    if not 1 <= data.idle_lock_minutes <= MAX_IDLE_MINUTES:
        raise ValidationError("idle_lock_minutes", f"enter 1 to {MAX_IDLE_MINUTES} minutes")
    for field in ("stock_threshold_phones", "stock_threshold_bags"):
        if not 0 <= getattr(data, field) <= MAX_THRESHOLD:
            raise ValidationError(field, f"enter a number from 0 to {MAX_THRESHOLD}")
    with uow.begin(actor) as tx:
        tx.settings.put(IDLE_LOCK_MINUTES, str(data.idle_lock_minutes))
        tx.settings.put(SURVIVOR_LANGUAGE, data.survivor_language.value)
        tx.settings.put(FAMILY_LANGUAGE, data.family_language.value)
        tx.settings.put(STOCK_THRESHOLD_PHONES, str(data.stock_threshold_phones))
        tx.settings.put(STOCK_THRESHOLD_BAGS, str(data.stock_threshold_bags))
        tx.settings.put(PROGRAM_CALLS_BURNER, "yes" if data.program_calls_burner_without_consent else "no")
        tx.record("settings.change", entity="setting")
        return read(tx)


def read(tx: Transaction) -> VaultSettings:
    """Inside another service's transaction."""
    # A value edited outside the app falls back to the default, and the idle lock never exceeds the policy.
    idle = _int(tx, IDLE_LOCK_MINUTES, DEFAULTS.idle_lock_minutes)
    return VaultSettings(
        idle_lock_minutes=clamp_idle_minutes(idle),
        survivor_language=_language(tx, SURVIVOR_LANGUAGE, DEFAULTS.survivor_language),
        family_language=_language(tx, FAMILY_LANGUAGE, DEFAULTS.family_language),
        stock_threshold_phones=_int(tx, STOCK_THRESHOLD_PHONES, DEFAULTS.stock_threshold_phones),
        stock_threshold_bags=_int(tx, STOCK_THRESHOLD_BAGS, DEFAULTS.stock_threshold_bags),
        program_calls_burner_without_consent=program_calls_burner(tx),
    )


def program_calls_burner(tx: Transaction) -> bool:
    """The one setting a bedside save and every disclosure check (services.disclosure.viewer) read,
    without the others."""
    return tx.settings.get(PROGRAM_CALLS_BURNER, "yes") != "no"


def _int(tx: Transaction, key: str, default: int) -> int:
    try:
        return int(tx.settings.get(key, str(default)))
    except ValueError:
        return default


def _language(tx: Transaction, key: str, default: Language) -> Language:
    try:
        return Language(tx.settings.get(key, default.value))
    except ValueError:
        return default


def ui_language(uow: UnitOfWork, actor: Actor) -> Language:
    """The language `actor` chose for the app's screens; English until they choose."""
    with uow.begin() as tx:
        return _language(tx, UI_LANGUAGE_PREFIX + str(actor.user_id), Language.EN)


def set_ui_language(uow: UnitOfWork, actor: Actor, language: Language) -> Language:
    """Everyone chooses their own (no supervisor needed); it applies from their next sign-in."""
    with uow.begin(actor) as tx:
        tx.settings.put(UI_LANGUAGE_PREFIX + str(actor.user_id), language.value)
        tx.record("settings.change.language", entity="setting")
        return _language(tx, UI_LANGUAGE_PREFIX + str(actor.user_id), Language.EN)
