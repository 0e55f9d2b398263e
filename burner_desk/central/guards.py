"""What keeps a request from costing central more than it should, before any database work: the size
of a body and the time it takes to come (BodyLimit), and how often one address may try to enroll
(EnrollThrottle). The server's own limits (connections, headers): central.server."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_TIMEOUT = 30  # seconds for a request's body to come in whole, from the end of its headers


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, whether or not Content-Length admits it, before
    the application reads a byte of them; and a body not all in within `timeout` seconds of its headers
    with 408, the connection closed: a client trickling its body a byte at a time would otherwise hold a
    connection, and what it sent so far, for as long as it liked (slow loris)."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float = BODY_TIMEOUT) -> None:
        self._app = app
        self._max_bytes = max_bytes
        self._timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self._max_bytes:
            await _refuse(send, 413, "request body too large")
            return
        try:
            async with asyncio.timeout(self._timeout):
                body = await self._read(receive)
        except _BodyTooLarge:
            await _refuse(send, 413, "request body too large")
            return
        except TimeoutError:
            await _refuse(send, 408, "the request body did not come in time", close=True)
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


async def _refuse(send: Send, status: int, detail: str, *, close: bool = False) -> None:
    headers = {"Connection": "close"} if close else None  # uvicorn closes it once the answer is sent
    await JSONResponse({"detail": detail}, status_code=status, headers=headers)(
        {"type": "http"}, _no_receive, send
    )


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class EnrollThrottle:
    """At most `limit` enrollment attempts per client address in `window` seconds. Codes are far too
    long to guess; this keeps a script from filling central's audit trail or its connection pool.

    Its memory is bounded: an address is forgotten once its window has passed, and of more than
    `max_addresses` the one heard from longest ago is dropped (a flood from many addresses then frees
    one of them early, which it could have had from a fresh address anyway). An IPv6 address counts as
    its /64, the block one host is given."""

    def __init__(
        self,
        limit: int = 10,
        window: float = 600.0,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = limit
        self._window = window
        self._max_addresses = max_addresses
        self._clock = clock
        # client -> its attempts in the window, oldest first; the client heard from longest ago first
        self._attempts: OrderedDict[str, deque[float]] = OrderedDict()

    def remembered(self) -> int:
        """How many addresses it holds attempts for."""
        return len(self._attempts)

    def allow(self, client: str) -> bool:
        now = self._clock()
        self._forget_quiet(now)
        block = _address_block(client)
        attempts = self._attempts.setdefault(block, deque())
        self._attempts.move_to_end(block)
        while attempts and now - attempts[0] > self._window:
            attempts.popleft()
        if len(attempts) >= self._limit:
            return False
        attempts.append(now)
        if len(self._attempts) > self._max_addresses:
            self._attempts.popitem(last=False)
        return True

    def _forget_quiet(self, now: float) -> None:
        """Drop the addresses, longest quiet first, whose last attempt is out of the window."""
        while self._attempts:
            attempts = next(iter(self._attempts.values()))
            if attempts and now - attempts[-1] <= self._window:
                return
            self._attempts.popitem(last=False)


def _address_block(client: str) -> str:
    """The address a throttle counts `client` as: itself, or for IPv6 its /64."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return client  # not an address (a test client's name)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return client
