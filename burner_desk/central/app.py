"""The central server's HTTP API, version 1 (DESIGN.md section 5).

Bodies are read and validated here (pydantic, strict, bounded) before any database work, so a malformed
request gets a 4xx and writes nothing. Validation errors name the field and the rule, never the value
sent: request bodies carry Part 2 records. A revoked or unknown token gets a bare 401.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, Any, TypeVar, cast

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from burner_desk.central import contradictions, devices, feed
from burner_desk.central.db import sessions
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.sync import protocol

Model = TypeVar("Model", bound=BaseModel)
Result = TypeVar("Result")
Limit = Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)]


class _Unauthorized(Exception):
    pass


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, whether or not Content-Length admits it, before
    the application reads a byte of them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self._max_bytes:
            await _too_large(send)
            return
        try:
            body = await self._read(receive)
        except _BodyTooLarge:
            await _too_large(send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body, only a disconnect can come
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self._app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b""
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max_bytes:
                raise _BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _too_large(send: Send) -> None:
    await JSONResponse({"detail": "request body too large"}, status_code=413)(
        {"type": "http"}, _no_receive, send
    )


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class EnrollThrottle:
    """At most `limit` enrollment attempts per client address in `window` seconds. Codes are far too
    long to guess; this keeps a script from filling central's audit trail or its connection pool."""

    def __init__(self, limit: int = 10, window: float = 600.0) -> None:
        self._limit = limit
        self._window = window
        self._attempts: dict[str, deque[float]] = {}

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        attempts = self._attempts.setdefault(client, deque())
        while attempts and now - attempts[0] > self._window:
            attempts.popleft()
        if len(attempts) >= self._limit:
            return False
        attempts.append(now)
        return True


@dataclass
class _Job:
    """One push batch: its place in its run, and its parse and apply, to be done in turn."""

    position: int
    work: Callable[[], Any]
    done: Future[Any] = field(default_factory=Future)  # what `work` returned, or raised


@dataclass
class _Run:
    """One push from one device: the position applied last, and the batches waiting their turn."""

    applied: int = -1
    waiting: dict[int, _Job] = field(default_factory=dict)
    working: bool = False  # a worker thread is applying its batches (one at most)
    touched: float = field(default_factory=time.monotonic)


class PushTurns:
    """A device's pushes are applied one at a time, in the order the laptop sent them (its Push-Sequence
    header), whatever order the network delivered them in: a laptop keeps several in flight, and a batch
    that overtook the one before would find no record yet for that one's new records, or take that one's
    edits for conflicts. One worker thread goes through a run's batches in order, taking up the next as
    soon as it is done with one (no trip through the event loop in between). A batch whose predecessor
    never comes (the laptop gave up on it) waits at most `patience` seconds, then goes ahead; central's
    rules still hold then (a change to a record it does not have is deferred)."""

    def __init__(self, patience: float = 30.0) -> None:
        self._patience = patience
        self._lock = threading.Lock()
        self._runs: dict[tuple[uuid.UUID, str], _Run] = {}
        self._workers = ThreadPoolExecutor(thread_name_prefix="central-push")

    async def apply(
        self, device_id: uuid.UUID, sequence: protocol.PushSequence | None, work: Callable[[], Result]
    ) -> Result:
        """`work` (a batch's parse and apply), on a worker thread, in its turn; a push without a sequence
        (one batch at a time) does not wait."""
        if sequence is None:
            return await run_in_threadpool(work)
        key = (device_id, sequence.run)
        job = _Job(sequence.position, work)
        with self._lock:
            run = self._runs.setdefault(key, _Run())
            run.waiting[job.position] = job
        self._go_on(run, skip_lost=False)
        answer = asyncio.wrap_future(job.done)
        while True:
            try:
                return cast(Result, await asyncio.wait_for(asyncio.shield(answer), self._patience))
            except TimeoutError:
                self._go_on(run, skip_lost=True)

    def _go_on(self, run: _Run, *, skip_lost: bool) -> None:
        """Start a worker on the run's first waiting batch if none is at work and that batch's turn has
        come (or, `skip_lost`: nothing moved for `patience` seconds, the batches before it are lost)."""
        with self._lock:
            if run.working:
                return
            job = self._next_in_turn(run, skip_lost=skip_lost)
            run.working = job is not None
        if job is not None:
            self._workers.submit(self._work_through, run, job)

    @staticmethod
    def _next_in_turn(run: _Run, *, skip_lost: bool = False) -> _Job | None:
        """The waiting batch to apply next, taken out of the line: the first, if it follows the last one
        applied or came late behind it. Called under the lock."""
        if not run.waiting:
            return None
        first = min(run.waiting)
        return run.waiting.pop(first) if skip_lost or first <= run.applied + 1 else None

    def _work_through(self, run: _Run, job: _Job | None) -> None:
        """Apply `job`, then each waiting batch whose turn it is, until the next has not come yet."""
        while job is not None:
            try:
                job.done.set_result(job.work())
            except BaseException as exc:  # handed to the request, which answers for it
                job.done.set_exception(exc)
            with self._lock:
                run.applied = max(run.applied, job.position)
                run.touched = now = time.monotonic()
                job = self._next_in_turn(run)
                run.working = job is not None
                for stale in [k for k, r in self._runs.items() if now - r.touched > 10 * self._patience]:
                    del self._runs[stale]  # pushes long finished (or given up) by their laptops


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _Unauthorized
    return token


def create_app(engine: Engine, throttle: EnrollThrottle | None = None) -> FastAPI:
    """The API on `engine`, whose schema `central.db.migrate` has brought up to date."""
    db = sessions(engine)
    enroll_throttle = throttle or EnrollThrottle()
    app = FastAPI(title="burner_desk central", docs_url=None, redoc_url=None, openapi_url=None)

    async def parse(request: Request, model: type[Model]) -> Model:
        return model.model_validate_json(await request.body())

    async def device_for(request: Request, *, allow_revoked: bool = False) -> AuthenticatedDevice:
        device = await run_in_threadpool(devices.authenticate, db, _bearer(request))
        if device is None or (device.revoked and not allow_revoked):
            raise _Unauthorized
        return device

    @app.exception_handler(_Unauthorized)
    async def _unauthorized(_request: Request, _exc: Exception) -> Response:
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(ValidationError)
    async def _invalid(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ValidationError)
        errors = [
            {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
            for error in exc.errors(include_url=False, include_input=False)[:20]
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(feed.BadPageToken)
    async def _bad_page(_request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.get("/v1/health")
    async def health() -> protocol.Health:
        return protocol.Health(status="ok", protocol=protocol.PROTOCOL_VERSION)

    @app.post("/v1/enroll")
    async def enroll(request: Request) -> Response:
        if not enroll_throttle.allow(request.client.host if request.client else ""):
            return JSONResponse(
                {"detail": "too many enrollment attempts from here; wait ten minutes"}, status_code=429
            )
        enrollment = await parse(request, protocol.EnrollRequest)
        try:
            answer = await run_in_threadpool(devices.enroll, db, enrollment)
        except devices.EnrollmentRefused:
            return JSONResponse({"detail": "enrollment code unknown, used or expired"}, status_code=403)
        return _json(answer)

    push_turns = PushTurns()

    def parse_and_push(device: AuthenticatedDevice, body: bytes) -> protocol.EncodedPushResponse:
        # Parsed on the worker thread, not the event loop: a large batch would hold up other requests
        return feed.push(db, device, protocol.PushRequest.model_validate_json(body))

    @app.post("/v1/sync/push")
    async def push(request: Request) -> Response:
        device = await device_for(request)
        header = request.headers.get(protocol.PUSH_SEQUENCE_HEADER)
        try:
            sequence = None if header is None else protocol.PushSequence.parse(header)
        except ValueError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        body = await request.body()
        answer = await push_turns.apply(device.id, sequence, partial(parse_and_push, device, body))
        return Response(answer, media_type="application/json")

    @app.get("/v1/sync/changes")
    async def changes(
        request: Request, cursor: Annotated[int, Query(ge=0)] = 0, limit: Limit = 200
    ) -> Response:
        device = await device_for(request)
        return _json(await run_in_threadpool(feed.changes, db, device, cursor, limit))

    @app.get("/v1/sync/snapshot")
    async def snapshot(
        request: Request, page: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 200
    ) -> Response:
        device = await device_for(request)
        return _json(await run_in_threadpool(feed.snapshot, db, device, page, limit))

    @app.post("/v1/device/wipe-check")
    async def wipe_check(request: Request) -> Response:
        device = await device_for(request, allow_revoked=True)
        return _json(protocol.WipeCheck(wipe=device.revoked))

    @app.post("/v1/device/wipe-confirm")
    async def wipe_confirm(request: Request) -> Response:
        confirmation = await parse(request, protocol.WipeConfirm)
        device = await device_for(request, allow_revoked=True)
        if not device.revoked:
            return JSONResponse({"detail": "this device has not been revoked"}, status_code=409)
        await run_in_threadpool(devices.confirm_wipe, db, device.id, confirmation.wiped_at)
        return Response(status_code=204)

    @app.get("/v1/users/sign-in-name")
    async def sign_in_name(
        request: Request, name: Annotated[str, Query(min_length=1, max_length=80)]
    ) -> Response:
        await device_for(request)
        holder = await run_in_threadpool(contradictions.name_holder, db, name)
        return _json(protocol.SignInNameCheck(taken=holder is not None))

    @app.middleware("http")
    async def _no_store(request: Request, call_next: Callable[[Request], Awaitable[Any]]) -> Any:
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"  # answers carry Part 2 records
        return response

    app.add_middleware(BodyLimit, max_bytes=protocol.MAX_BODY_BYTES)
    return app


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")
