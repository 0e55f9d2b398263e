"""Central's database: PostgreSQL (psycopg 3) in production, SQLite for a one-machine trial."""

from __future__ import annotations

import operator
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pydantic_core
from alembic import command
from alembic.config import Config
from platformdirs import user_data_path
from psycopg import sql
from sqlalchemy import (
    ARRAY,
    JSON,
    Column,
    ColumnElement,
    Engine,
    Table,
    TypeDecorator,
    Uuid,
    any_,
    create_engine,
    event,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Session, sessionmaker

from burner_desk.central.models import SyncClock
from burner_desk.paths import private_dir

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url() -> str:
    """SQLite in the platform's data directory, so `burner-desk-central serve` needs no set-up."""
    directory = user_data_path("burner_desk_central", appauthor=False)
    private_dir(directory)  # central's trial database holds every laptop's records
    return f"sqlite:///{directory / 'central.db'}"


class EncodedJson(str):
    """JSON text already encoded, for a JSON column: written as it is, not encoded again as a string.
    A push writes each record's fields to both `record` and `change`; encoding them once is enough."""

    __slots__ = ()


def encode_json(value: Any) -> EncodedJson:
    return EncodedJson(pydantic_core.to_json(value).decode())


def _json_text(value: Any) -> str:
    return value if isinstance(value, EncodedJson) else encode_json(value)


# Record fields are JSON: pydantic-core's encoder and parser are several times faster than the standard
# library's, and a push or a first sync encodes or parses every record it moves.
_JSON_CODEC: dict[str, Any] = {"json_serializer": _json_text, "json_deserializer": pydantic_core.from_json}


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True, **_JSON_CODEC)
    engine = create_engine(
        parsed,
        connect_args={"timeout": 30, "check_same_thread": False},
        hide_parameters=True,
        **_JSON_CODEC,
    )
    _begin_immediate(engine)
    return engine


def _begin_immediate(engine: Engine) -> None:
    """SQLite: take the write lock when a transaction begins. A deferred transaction that reads, then
    writes, fails at once with "database is locked" when another writer got there first, instead of
    waiting its turn; this also makes SQLite's whole-database lock play the sync clock's role."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite would otherwise BEGIN on its own
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def take_seqs(session: Session, count: int) -> int:
    """Reserve the next `count` change-feed positions; returns the last. The UPDATE locks the clock row
    until this transaction ends, so positions are handed out in commit order (a PostgreSQL sequence is
    not: see DESIGN.md section 5)."""
    seq = session.execute(
        update(SyncClock).where(SyncClock.id == 1).values(seq=SyncClock.seq + count).returning(SyncClock.seq)
    ).scalar_one()
    return int(seq)


def current_seq(session: Session) -> int:
    return int(session.execute(select(SyncClock.seq).where(SyncClock.id == 1)).scalar_one())


def one_of(session: Session, column: InstrumentedAttribute[Any], values: list[Any]) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `= ANY(array)`, one parameter instead of thousands: a push looks
    up a whole batch at a time, and a long IN list costs more to send and plan than the look-up."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(values, ARRAY(column.type)))
    return column.in_(values)


def insert_rows(session: Session, model: type[DeclarativeBase], rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows (column key -> value) into `model`'s table in the session's transaction: a COPY
    on PostgreSQL (a push writes thousands of rows to three tables, and per-row INSERTs cost several
    times the data), an executemany elsewhere. A duplicate key raises IntegrityError either way."""
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), [with_uuids(model, row) for row in rows])
        return
    columns = [column for column in table.columns if column.key in rows[0]]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(column.name) for column in columns)
    )
    driver = _driver(connection)
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for values in _driver_values(columns, rows, connection.dialect):
                copy.write_row(values)
    except psycopg.IntegrityError as exc:
        raise IntegrityError(statement.as_string(driver), None, exc) from exc


def update_rows(session: Session, model: type[DeclarativeBase], rows: Sequence[dict[str, Any]]) -> None:
    """Update many rows (column key -> value, the primary key's columns among them) by primary key in the
    session's transaction: on PostgreSQL the driver's executemany, values adapted as for insert_rows
    (the ORM's bulk update spent as much on each row's parameters as a push's COPY of all its new
    records); the ORM's elsewhere."""
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(update(model), [with_uuids(model, row) for row in rows])
        return
    keys = list(table.primary_key.columns)
    changed = [column for column in table.columns if column.key in rows[0] and not column.primary_key]
    columns = changed + keys  # the parameters' order: SET's, then WHERE's
    statement = sql.SQL("UPDATE {} SET {} WHERE {}").format(
        sql.Identifier(table.name),
        sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(column.name)) for column in changed),
        sql.SQL(" AND ").join(sql.SQL("{} = %s").format(sql.Identifier(column.name)) for column in keys),
    )
    with _driver(connection).cursor() as cursor:
        cursor.executemany(statement, list(_driver_values(columns, rows, connection.dialect)))


def _driver(connection: Connection) -> psycopg.Connection[Any]:
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    return driver


def _driver_values(
    columns: list[Column[Any]], rows: Sequence[dict[str, Any]], dialect: Dialect
) -> Iterator[list[Any]]:
    """Each row's values for `columns`, as the driver takes them (ids in wire form go as they are: the
    server reads them as the column's type)."""
    values_of = operator.itemgetter(*(column.key for column in columns))
    # Only the columns whose values need adapting are touched row by row (a push copies 40,000 rows)
    adapters = [
        (index, adapt)
        for index, column in enumerate(columns)
        if (adapt := _copy_adapter(column.type, dialect)) is not None
    ]
    for row in rows:
        values = list(values_of(row)) if len(columns) > 1 else [values_of(row)]
        for index, adapt in adapters:
            values[index] = adapt(values[index])
        yield values


def with_uuids(model: type[DeclarativeBase], row: dict[str, Any]) -> dict[str, Any]:
    """`row` with its ids in wire form (a push's: COPY takes them as they are) made the UUIDs that a
    Uuid column's binding needs (SQLite's, and the ORM's)."""
    return row | {
        column.key: uuid.UUID(row[column.key])
        for column in model.__table__.columns
        if isinstance(column.type, Uuid) and isinstance(row.get(column.key), str)
    }


def _copy_adapter(kind: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """What COPY needs for a column's Python value: what the column type would bind, JSON as JSON; None
    when the value goes as it is."""
    if isinstance(kind, JSON):
        # As text: COPY's text form of a JSON value is its JSON text (no per-value dumper object)
        return lambda value: value if value is None or isinstance(value, EncodedJson) else encode_json(value)
    if isinstance(kind, TypeDecorator):
        bind = kind.process_bind_param
        # A push stamps every row it writes with the batch's one time: adapted once, to text (which
        # PostgreSQL reads as the column's type), not once per row
        return _last_value_kept(lambda value: None if value is None else str(bind(value, dialect)))
    return None


def _last_value_kept(adapt: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`adapt`, remembering its last result: a value given again (the same object) is not adapted again."""
    last_value: Any = object()
    last_result: Any = None

    def adapter(value: Any) -> Any:
        nonlocal last_value, last_result
        if value is not last_value:
            last_value, last_result = value, adapt(value)
        return last_result

    return adapter
