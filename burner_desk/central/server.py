"""Serving central's API (uvicorn) so that no client can hold it up: every connection and request has a
time limit, their number is bounded, proxy headers count only from proxies named by the operator, and a
SIGTERM stops central within seconds whatever its clients are doing.

The request body's own time limit is the app's (central.guards.BodyLimit): it answers 408.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from dataclasses import dataclass

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

KEEP_ALIVE_TIMEOUT = 5  # seconds a connection may sit idle between requests
# Seconds requests still in progress at SIGTERM are given before they are cut off; with the pushes that
# wait their turn answered at once (`on_stop`), central is gone well within 10 seconds.
GRACEFUL_SHUTDOWN_TIMEOUT = 5
STARTUP_FAILURE = 3  # uvicorn's exit status when it could not start (the port taken, say)


@dataclass(frozen=True)
class ServeOptions:
    """What `burner-desk-central serve` takes; the defaults are its own."""

    host: str = "127.0.0.1"
    port: int = 8443
    cert: str | None = None
    key: str | None = None
    # Addresses of the reverse proxies whose X-Forwarded-For / -Proto are believed; None: nobody's, the
    # client is the socket's peer (uvicorn's own default believes 127.0.0.1, which let any local process
    # pick its address, and so escape the enrollment throttle)
    forwarded_allow_ips: str | None = None
    header_timeout: int = 10  # seconds from a request's first byte to the end of its headers
    limit_concurrency: int = 200  # connections (and requests) at once; more get 503 until some end


def serve(app: FastAPI, options: ServeOptions, on_stop: Callable[[], None]) -> int:
    """Serve `app` until SIGTERM or SIGINT; `on_stop` runs as soon as shutdown begins (before the
    grace period for requests in progress). Returns the exit status."""
    config = uvicorn.Config(
        app,
        host=options.host,
        port=options.port,
        ssl_certfile=options.cert,
        ssl_keyfile=options.key,
        http=_with_header_deadline(options.header_timeout),
        ws="none",  # central has no WebSocket routes; an upgrade request is plain HTTP to it
        proxy_headers=options.forwarded_allow_ips is not None,
        forwarded_allow_ips=options.forwarded_allow_ips,
        limit_concurrency=options.limit_concurrency,
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_TIMEOUT,
        server_header=False,
        access_log=False,  # request lines would carry device ids and cursors into plain logs
    )
    server = _Server(config, on_stop)
    server.run()
    return 0 if server.started else STARTUP_FAILURE


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_stop: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_stop = on_stop

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stop()
        await super().shutdown(sockets)


def _with_header_deadline(header_timeout: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol with a deadline for each request's headers, counted from the
    connection's start or, between requests, from the next request's first byte; a connection that
    misses it is closed. uvicorn has none of its own: a client sending its headers a byte at a time
    (slow loris) held its connection for as long as it liked."""

    class HeaderDeadlineProtocol(H11Protocol):
        _header_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._await_headers()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:  # a request's headers have not all come yet
                self._await_headers()
            else:
                self._headers_in()

        def connection_lost(self, exc: Exception | None) -> None:
            self._headers_in()
            super().connection_lost(exc)

        def _await_headers(self) -> None:
            if self._header_deadline is None:
                self._header_deadline = self.loop.call_later(header_timeout, self._too_slow)

        def _headers_in(self) -> None:
            if self._header_deadline is not None:
                self._header_deadline.cancel()
                self._header_deadline = None

        def _too_slow(self) -> None:
            self._header_deadline = None
            self.transport.close()

    return HeaderDeadlineProtocol
