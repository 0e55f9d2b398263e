"""The real `burner-desk-central serve` process against clients that would hold it up: slow headers and
bodies, too many connections, forged proxy headers, and a SIGTERM while pushes wait their turn."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from burner_desk.central.server import ServeOptions
from burner_desk.sync import protocol
from tests.central.conftest import person_insert
from tests.sync.conftest import CentralProcess


@contextmanager
def central_serving(db_url: str, tmp_path: Path, *serve_args: str) -> Iterator[CentralProcess]:
    central = CentralProcess(db_url, tmp_path / "central.log", *serve_args).start()
    try:
        yield central
    finally:
        central.kill()


def _enroll(central: CentralProcess) -> tuple[dict[str, str], uuid.UUID]:
    """A device's Authorization header, and its one user."""
    user = uuid.uuid4()
    answer = httpx.post(
        f"{central.url}/v1/enroll",
        json={"code": central.code("Desk 7 (sample)"), "device_name": "desk-7", "user_ids": [str(user)]},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}, user


def _connect(central: CentralProcess) -> socket.socket:
    return socket.create_connection(("127.0.0.1", central.port), timeout=5)


def _push_body(user: uuid.UUID) -> bytes:
    return json.dumps({"mutations": [person_insert(user)]}).encode()


def _raw_push(headers: dict[str, str], user: uuid.UUID) -> bytes:
    """A whole push request as it goes over the wire, for a client to send as slowly as it likes."""
    body = _push_body(user)
    lines = [
        "POST /v1/sync/push HTTP/1.1",
        "Host: central",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        f"{protocol.PUSH_SEQUENCE_HEADER}: {uuid.uuid4().hex}.0",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_sigterm_stops_central_within_10_s_with_pushes_waiting_and_slow_clients(
    db_url: str, tmp_path: Path
) -> None:
    """On SQLite and PostgreSQL: a push waiting for the batch before it (which would wait 30 s) gets
    503 at once; a client halfway through its body, one halfway through its headers and an idle one
    hold nothing up."""
    with central_serving(db_url, tmp_path) as central:
        headers, user = _enroll(central)
        waiting: list[httpx.Response] = []
        run = uuid.uuid4().hex
        pusher = threading.Thread(
            target=lambda: waiting.append(
                httpx.post(
                    f"{central.url}/v1/sync/push",
                    content=_push_body(user),
                    headers=headers
                    | {"Content-Type": "application/json", protocol.PUSH_SEQUENCE_HEADER: f"{run}.1"},
                    timeout=30,
                )
            )
        )
        pusher.start()
        slow_body, slow_headers, idle = _connect(central), _connect(central), _connect(central)
        request = _raw_push(headers, user)
        slow_body.sendall(request[:-20])
        slow_headers.sendall(request[:40])
        idle.sendall(b"GET /v1/health HTTP/1.1\r\nHost: central\r\n\r\n")
        assert idle.recv(4096).startswith(b"HTTP/1.1 200")
        time.sleep(1)

        took = central.terminate()
        pusher.join(timeout=5)

        assert took < 10, took
        assert [answer.status_code for answer in waiting] == [503]
        assert "shutting down" in waiting[0].json()["detail"]
        for client in (slow_body, slow_headers, idle):
            client.close()


TRICKLE_EVERY = 0.2  # seconds between two bytes of a slow client


def _read_until_closed(sockets: list[socket.socket], deadline: float, trickle: bool) -> dict[int, bytes]:
    """What each socket the server closed received, by its index in `sockets`; gives up at `deadline`,
    leaving out those still open. With `trickle`, a byte every TRICKLE_EVERY seconds to each socket that
    has received nothing yet (a slow loris)."""
    received = {index: b"" for index in range(len(sockets))}
    open_ones = dict(enumerate(sockets))
    trickling = set(open_ones) if trickle else set()
    next_byte = time.monotonic()
    while open_ones and time.monotonic() < deadline:
        readable, _, _ = select.select(list(open_ones.values()), [], [], TRICKLE_EVERY)
        for index, sock in list(open_ones.items()):
            if sock in readable:
                trickling.discard(index)
                try:
                    data = sock.recv(65536)
                except ConnectionResetError:
                    data = b""
                received[index] += data
                if not data:
                    del open_ones[index]
        # Paced by the clock, not by the loop: sockets answered one after another wake the select above
        # many times a second, and a byte each time could complete a body the server should cut off.
        if time.monotonic() >= next_byte:
            next_byte = time.monotonic() + TRICKLE_EVERY
            for index in list(trickling):
                try:
                    open_ones[index].send(b"x")
                except (ConnectionResetError, BrokenPipeError):
                    # The server closed it since the select (with a byte of ours unread, so with a
                    # reset): the next select finds it readable and reads whatever it was sent.
                    trickling.discard(index)
    return {index: data for index, data in received.items() if index not in open_ones}


def test_bodies_and_headers_that_trickle_are_cut_off_and_others_still_served(
    postgres_url: str, tmp_path: Path
) -> None:
    """Slow loris: 50 connections trickling their bodies get 408 and are closed after the body timeout,
    20 trickling their headers are closed after the header timeout; meanwhile health is answered."""
    cut_off = "3"  # seconds, for bodies and headers alike
    with central_serving(
        postgres_url, tmp_path, "--body-timeout", cut_off, "--header-timeout", cut_off
    ) as central:
        headers, user = _enroll(central)
        bodies = [_connect(central) for _ in range(50)]
        for sock in bodies:
            sock.sendall(_raw_push(headers, user)[:-200])
        heads = [_connect(central) for _ in range(20)]
        for sock in heads:
            sock.sendall(b"POST /v1/enroll HTTP/1.1\r\nHost: central\r\nX-Slow: ")
        started = time.monotonic()
        health = httpx.get(f"{central.url}/v1/health", timeout=5)
        # Answered while every slow client still held its connection, not once they had been cut off.
        cut_off_before_health = select.select(bodies + heads, [], [], 0)[0]

        # All closed by then, they were cut off by the timeouts given: the defaults (header 10 s, body 30 s,
        # from each connection's start, before `started`) would not have closed them yet. A loaded machine
        # has the ~6 s in between to be late in.
        deadline = started + ServeOptions.header_timeout - 1
        received = _read_until_closed(bodies + heads, deadline, trickle=True)

        assert health.status_code == 200 and cut_off_before_health == []
        assert len(received) == 70, f"still open at the deadline: {sorted(set(range(70)) - set(received))}"
        answers = [received[index] for index in range(70)]
        assert all(answer.startswith(b"HTTP/1.1 408") for answer in answers[:50]), answers[:50]
        assert all(b"connection: close" in answer.lower() for answer in answers[:50])
        assert answers[50:] == [b""] * 20  # closed without a word: there was no request to answer
        for sock in bodies + heads:
            sock.close()


def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(
    postgres_url: str, tmp_path: Path
) -> None:
    with central_serving(postgres_url, tmp_path, "--header-timeout", "1") as central:
        silent = _connect(central)
        started = time.monotonic()

        received = _read_until_closed([silent], started + 5, trickle=False)

        assert received == {0: b""} and time.monotonic() - started < 3
        silent.close()


def test_beyond_the_connection_limit_requests_get_503_until_connections_end(
    postgres_url: str, tmp_path: Path
) -> None:
    with central_serving(postgres_url, tmp_path, "--limit-concurrency", "5") as central:
        held = [_connect(central) for _ in range(5)]
        time.sleep(0.2)
        refused = httpx.get(f"{central.url}/v1/health", timeout=5)
        for sock in held:
            sock.close()
        time.sleep(0.2)
        served = httpx.get(f"{central.url}/v1/health", timeout=5)

    assert refused.status_code == 503 and served.status_code == 200


def _enroll_attempts(central: CentralProcess, forwarded_for: list[str]) -> list[int]:
    body = {"code": "AAAAA-BBBBB-CCCCC-DDDDD", "device_name": "stray", "user_ids": [str(uuid.uuid4())]}
    return [
        httpx.post(
            f"{central.url}/v1/enroll", json=body, headers={"X-Forwarded-For": address}, timeout=10
        ).status_code
        for address in forwarded_for
    ]


def test_proxy_headers_are_believed_only_from_the_proxies_named(postgres_url: str, tmp_path: Path) -> None:
    """By default X-Forwarded-For is ignored, even from loopback: a local process cannot pose as eleven
    clients to escape the enrollment throttle. Named with --forwarded-allow-ips, a proxy's is believed."""
    forged = [f"192.0.2.{n}" for n in range(11)]
    with central_serving(postgres_url, tmp_path) as central:
        direct = _enroll_attempts(central, forged)
        central.terminate()
    with central_serving(postgres_url, tmp_path, "--forwarded-allow-ips", "127.0.0.1") as central:
        proxied = _enroll_attempts(central, forged)
        one_client = _enroll_attempts(central, ["198.51.100.7"] * 11)
        central.terminate()

    assert direct == [403] * 10 + [429]
    assert proxied == [403] * 11  # eleven clients behind the proxy, one attempt each
    assert one_client == [403] * 10 + [429]
