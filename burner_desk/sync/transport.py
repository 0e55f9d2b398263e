"""Talking to central over HTTPS: certificate pinning, bounded answers, and errors a person can act on.

TLS is verified as usual (the system's CAs, or the CA file IT gave at enrollment) and, on top of that, the
server's public key must match the SPKI pin captured at enrollment. The pin is checked inside the TLS
handshake's connection set-up, before a single byte of a request (tokens, Part 2 records) is sent.
Plain HTTP is allowed to a loopback address only (a one-machine trial or a test).

Every answer is read with a size cap and validated against the strict wire models (sync.protocol):
a malformed, oversized or hostile answer raises `BadCentralAnswer` and nothing is applied.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ssl
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpcore
import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import BaseModel, ValidationError

from burner_desk.domain.errors import BurnerDeskError
from burner_desk.sync import protocol

Model = TypeVar("Model", bound=BaseModel)
TransportWrapper = Callable[[httpx.BaseTransport], httpx.BaseTransport]

MAX_ANSWER_BYTES = 48 * 1024 * 1024  # a full page of the largest rows fits; a runaway stream does not
TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
# A question asked while a person waits (is this sign-in name free?): no answer soon is no answer
QUICK_TIMEOUT = httpx.Timeout(3.0)


class SyncError(BurnerDeskError):
    """A sync step failed; the message says what happened and what to do, never a record's content."""


class CentralUnreachable(SyncError):
    """No answer: offline, server down, or the connection dropped. Nothing is lost; try again later."""


class CentralRefused(SyncError):
    """Central answered with an error status other than an authentication failure."""


class DeviceNotAuthorised(SyncError):
    """401 or 403: the token is unknown or revoked. The caller runs the wipe check."""


class BadCentralAnswer(SyncError):
    """The answer is not what protocol version 1 allows: nothing from it was applied."""


class WrongCertificate(SyncError):
    """The server's key is not the one pinned at enrollment: possibly an impostor. Nothing was sent."""


def spki_pin(certificate_der: bytes) -> str:
    """sha256 of the certificate's SubjectPublicKeyInfo, base64 (the HPKP pin format)."""
    public_key = x509.load_der_x509_certificate(certificate_der).public_key()
    spki = public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; ValueError with the reason when it cannot be used."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("the central server address must look like https://central.example.org")
    if parts.scheme == "http" and not protocol.is_loopback(parts.hostname):
        raise ValueError("central must be reached over https (plain http only to this machine)")
    if parts.query or parts.fragment or parts.username:
        raise ValueError("the central server address must not carry a query, fragment or user name")
    return url.strip().rstrip("/")


class _PinningStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: _PinningBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        secured = self._inner.start_tls(ssl_context, server_hostname, timeout)
        certificate = secured.get_extra_info("ssl_object").getpeercert(
            True
        )  # the C-level SSL object takes it positionally
        seen = spki_pin(certificate)
        expected = self._backend.expected_pin
        if expected is not None and not hmac.compare_digest(seen, expected):
            secured.close()
            raise WrongCertificate(
                "The central server presented a different key from the one this laptop enrolled with. "
                "Nothing was sent. Tell IT before syncing again."
            )
        self._backend.seen_pin = seen
        return secured


class _PinningBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with the pin checked as soon as TLS is up."""

    def __init__(self, expected_pin: str | None) -> None:
        self._inner = httpcore.SyncBackend()
        self.expected_pin = expected_pin
        self.seen_pin: str | None = None

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _PinningStream(inner, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise CentralUnreachable("central is reached over TCP only")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    def __init__(self, ssl_context: ssl.SSLContext, backend: _PinningBackend) -> None:
        super().__init__(verify=ssl_context)
        # httpx offers no hook for the network backend; swap in a pool built the same way with ours.
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=backend)


class CentralClient:
    """One conversation with central. `pin` None captures the pin (enrollment); afterwards it is required
    for https. Use as a context manager so the connections close."""

    def __init__(
        self,
        server_url: str,
        *,
        token: str | None = None,
        pin: str | None = None,
        ca_pem: str | None = None,
        wrap_transport: TransportWrapper | None = None,
    ) -> None:
        self.server_url = check_server_url(server_url)
        self._backend = _PinningBackend(pin)
        context = ssl.create_default_context(cadata=ca_pem) if ca_pem else ssl.create_default_context()
        transport: httpx.BaseTransport = _PinnedTransport(context, self._backend)
        if wrap_transport is not None:
            transport = wrap_transport(transport)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=self.server_url, transport=transport, timeout=TIMEOUT, headers=headers
        )

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.close()

    @property
    def seen_pin(self) -> str | None:
        """The pin of the server's key, once a TLS connection was made; None over loopback http."""
        return self._backend.seen_pin

    # --- endpoints ------------------------------------------------------------------------------

    def health(self) -> protocol.Health:
        return self._call("GET", "/v1/health", protocol.Health)

    def enroll(self, request: protocol.EnrollRequest) -> protocol.EnrollResponse:
        return self._call("POST", "/v1/enroll", protocol.EnrollResponse, body=request)

    def push(
        self, body: protocol.EncodedPush, sequence: protocol.PushSequence | None = None
    ) -> protocol.PushResponse:
        """`sequence` places the batch among others in flight: central applies them in that order."""
        headers = {protocol.PUSH_SEQUENCE_HEADER: sequence.header()} if sequence else None
        return self._call("POST", "/v1/sync/push", protocol.PushResponse, body=body, headers=headers)

    def audit_push(self, request: protocol.AuditPushRequest) -> protocol.AuditPushResponse:
        return self._call("POST", "/v1/audit/push", protocol.AuditPushResponse, body=request)

    def changes(self, cursor: int, limit: int) -> protocol.ChangesPage:
        params = {"cursor": cursor, "limit": limit}
        return self._call("GET", "/v1/sync/changes", protocol.ChangesPage, params=params)

    def snapshot(self, page: str | None, limit: int) -> protocol.Snapshot:
        params: dict[str, Any] = {"limit": limit} | ({"page": page} if page else {})
        return self._call("GET", "/v1/sync/snapshot", protocol.Snapshot, params=params)

    def sign_in_name_taken(self, name: str) -> bool:
        """Whether another user at central holds this sign-in name (a short timeout: someone waits)."""
        params = {"name": name}
        path = "/v1/users/sign-in-name"
        return self._call("GET", path, protocol.SignInNameCheck, params=params, timeout=QUICK_TIMEOUT).taken

    def wipe_check(self) -> protocol.WipeCheck:
        return self._call("POST", "/v1/device/wipe-check", protocol.WipeCheck)

    def wipe_confirm(self, wiped_at: datetime) -> None:
        self._send("POST", "/v1/device/wipe-confirm", body=protocol.WipeConfirm(wiped_at=wiped_at))

    # --- plumbing -------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        answer: type[Model],
        *,
        body: BaseModel | bytes | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> Model:
        content = self._send(method, path, body=body, params=params, headers=headers, timeout=timeout)
        try:
            return answer.model_validate_json(content)
        except ValidationError as exc:
            # Only the first problem's place and kind: the values may be records.
            first = exc.errors(include_url=False, include_input=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "the answer"
            raise BadCentralAnswer(
                f"Central's answer to {path} is not valid ({where}: {first['msg']}). Nothing from it was "
                "applied; check that the laptop and central run matching versions."
            ) from None

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | bytes | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> bytes:
        data = body.model_dump_json().encode() if isinstance(body, BaseModel) else body
        sent = ({"Content-Type": "application/json"} if data is not None else {}) | (headers or {})
        try:
            with self._http.stream(
                method, path, content=data, params=params, headers=sent, timeout=timeout
            ) as response:
                if response.status_code in (401, 403):
                    raise DeviceNotAuthorised("Central no longer accepts this laptop's credentials.")
                if response.status_code >= 400:
                    raise CentralRefused(_refusal(path, response.status_code))
                return _read_capped(response)
        except httpx.TimeoutException as exc:
            raise CentralUnreachable("Central did not answer in time. Nothing is lost; try again.") from exc
        except httpx.ConnectError as exc:
            if (problem := _certificate_problem(exc)) is not None:
                raise WrongCertificate(
                    f"Central's certificate could not be verified ({problem.verify_message}). Nothing was sent."
                ) from exc
            raise CentralUnreachable(
                f"Central at {self.server_url} cannot be reached. Nothing is lost; sync again when online."
            ) from exc
        except httpx.TransportError as exc:
            raise CentralUnreachable(
                "The connection to central dropped. Nothing is lost; the next sync carries on from here."
            ) from exc


def _read_capped(response: httpx.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise BadCentralAnswer("Central's answer is larger than any valid answer; nothing was applied.")
        chunks.append(chunk)
    return b"".join(chunks)


def _refusal(path: str, status: int) -> str:
    if status == 429:
        return "Central is refusing enrollment attempts from here for a while (too many tries). Wait ten minutes."
    if status == 413:
        return "Central refused a request as too large; the next sync sends smaller batches."
    if status == 503:
        return "Central is busy or restarting. Nothing is lost; sync again in a minute."
    if status == 408:
        return (
            "Central stopped waiting for this laptop's request: the connection is too slow. Nothing is "
            "lost; sync again, on a better connection if you can."
        )
    if status >= 500:
        return f"Central had an internal error ({status}) on {path}. Nothing is lost; try again later."
    return f"Central refused {path} ({status}). Check that the laptop and central run matching versions."


def _certificate_problem(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate failure somewhere under a connect error (httpx and httpcore each wrap it)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None
