"""The central server's HTTP API, version 1 (DESIGN.md section 5).

Bodies are read and validated here (pydantic, strict, bounded) before any database work, so a malformed
request gets a 4xx and writes nothing. Validation errors name the field and the rule, never the value
sent: request bodies carry Part 2 records. A revoked or unknown token gets a bare 401.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from burner_desk.central import audit_trail, contradictions, devices, feed, push
from burner_desk.central.db import sessions
from burner_desk.central.devices import AuthenticatedDevice
from burner_desk.central.guards import BODY_TIMEOUT, BodyLimit, EnrollThrottle
from burner_desk.central.push_turns import CentralStopping, PositionTaken, PushTurns
from burner_desk.sync import protocol

Model = TypeVar("Model", bound=BaseModel)
Limit = Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)]


class _Unauthorized(Exception):
    pass


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _Unauthorized
    return token


def create_app(
    engine: Engine,
    throttle: EnrollThrottle | None = None,
    push_turns: PushTurns | None = None,
    body_timeout: float = BODY_TIMEOUT,
) -> FastAPI:
    """The API on `engine`, whose schema `central.db.migrate` has brought up to date. The server that
    runs it stops `push_turns` when it shuts down (central.server)."""
    db = sessions(engine)
    enroll_throttle = throttle or EnrollThrottle()
    turns = push_turns or PushTurns()
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
        return JSONResponse({"detail": str(exc)}, status_code=422)  # as any other bad query parameter

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
        await run_in_threadpool(audit_trail.start, db, answer.device_id, enrollment.audit_seal)
        return _json(answer)

    def parse_and_push(device: AuthenticatedDevice, body: bytes) -> protocol.EncodedPushResponse:
        # Parsed on the worker thread, not the event loop: a large batch would hold up other requests
        return push.push(db, device, protocol.PushRequest.model_validate_json(body))

    @app.post("/v1/sync/push")
    async def sync_push(request: Request) -> Response:
        device = await device_for(request)
        header = request.headers.get(protocol.PUSH_SEQUENCE_HEADER)
        try:
            sequence = None if header is None else protocol.PushSequence.parse(header)
        except ValueError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        body = await request.body()
        try:
            answer = await turns.apply(device.id, sequence, partial(parse_and_push, device, body))
        except PositionTaken:
            return JSONResponse(
                {"detail": f"another batch already came as {header}; each Push-Sequence is sent once"},
                status_code=409,
            )
        except CentralStopping:
            return JSONResponse(
                {"detail": "central is shutting down; nothing of this batch was applied, send it again"},
                status_code=503,
                headers={"Retry-After": "60"},
            )
        return Response(answer, media_type="application/json")

    @app.post("/v1/audit/push")
    async def audit_push(request: Request) -> Response:
        # A revoked laptop sends its trail once more before it erases itself: what it did up to the end
        # stays on record (append-only, chain and seals checked as ever). After its erasure, nothing.
        device = await device_for(request, allow_revoked=True)
        if device.wiped:
            raise _Unauthorized
        body = await request.body()
        pushed = await run_in_threadpool(protocol.AuditPushRequest.model_validate_json, body)
        return _json(await run_in_threadpool(audit_trail.push, db, device, pushed))

    @app.get("/v1/sync/changes")
    async def changes(
        request: Request, cursor: Annotated[int, Query(ge=0, le=protocol.MAX_CURSOR)] = 0, limit: Limit = 200
    ) -> Response:
        device = await device_for(request)
        return _encoded(await run_in_threadpool(feed.changes, db, device, cursor, limit))

    @app.get("/v1/sync/snapshot")
    async def snapshot(
        request: Request, page: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 200
    ) -> Response:
        device = await device_for(request)
        return _encoded(await run_in_threadpool(feed.snapshot, db, device, page, limit))

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

    app.add_middleware(BodyLimit, max_bytes=protocol.MAX_BODY_BYTES, timeout=body_timeout)
    return app


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


def _encoded(body: bytes) -> Response:
    return Response(body, media_type="application/json")
