"""What the laptop says when central refuses a request: what happened and what to do."""

from __future__ import annotations

import httpx
import pytest

from burner_desk.sync.transport import CentralClient, CentralRefused


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (503, "busy or restarting"),  # too many connections, or central shutting down
        (408, "connection is too slow"),  # the request body did not come in time
        (413, "too large"),
        (429, "Wait ten minutes"),
        (500, "internal error (500)"),
    ],
)
def test_a_refusal_says_what_happened(status: int, said: str) -> None:
    def central(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"detail": "refused"})

    with (
        CentralClient("http://127.0.0.1:9", wrap_transport=lambda _: httpx.MockTransport(central)) as client,
        pytest.raises(CentralRefused) as refused,
    ):
        client.health()

    assert said in str(refused.value)
