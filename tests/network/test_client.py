"""The kiosk's client of a remote centre, on a line the test plays (httpx's mock transport):
it tries again — the same centre, then the next — only when the line failed or the centre
said "not now" (502/503/504), waits longer each round within its budget, never tries a
refusal again, and says CENTRE_UNREACHABLE when the centre stays away."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from backend.api import Quote, Refund
from backend.api import CertificateCode as C
from backend.config import Paths
from backend.kiosk_ca import KioskAuthority
from backend.reasons import Reason, ServiceError
from backend.server import wire
from kiosk.centre import parse_centres
from kiosk.remote.client import RemoteCentre
from kiosk.remote.retry import RetryPolicy

POLICY = RetryPolicy(rounds=4, first_wait=0.1, factor=2.0, max_wait=0.3, budget=1.0, jitter=0.0)
SID = "ab" * 16


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("client")
    return KioskAuthority(Paths(where / "centre")).issue("seven-izumi-fuchu",
                                                        where / "kiosk").directory.parent


class Line:
    """Answers each request with the next of `script` (a status and a body, or an exception
    to raise), and notes what was sent where."""

    def __init__(self, *script: tuple[int, object] | Exception) -> None:
        self.script, self.sent = list(script), []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((str(request.url), json.loads(request.content)))
        answer = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(answer, Exception):
            raise answer
        status, body = answer
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(status, content=content)


def client(home: Path, line: Line, *urls: str) -> tuple[RemoteCentre, list[float]]:
    waits: list[float] = []
    centre = RemoteCentre(urls or ("https://centre.test:8443",), home, policy=POLICY,
                          sleep=waits.append, transport=httpx.MockTransport(line))
    return centre, waits


def test_a_call_sends_its_arguments_and_reads_its_result(home) -> None:
    line = Line((200, wire.answer(Quote(C.TAX, 300, 2, 600))))
    centre, waits = client(home, line)
    from backend.api import IssuanceRequest
    assert centre.quote(SID, IssuanceRequest(C.TAX, copies=2)) == Quote(C.TAX, 300, 2, 600)
    url, body = line.sent[0]
    assert url == "https://centre.test:8443/v1/quote" and body["session_id"] == SID
    assert body["request"]["certificate"] == "kazei" and body["request"]["copies"] == 2
    assert waits == []


def test_a_busy_centre_is_tried_again_with_longer_waits(home) -> None:
    line = Line((503, wire.refusal(Reason.CENTRE_UNREACHABLE)), (502, b"bad gateway"),
                (200, wire.answer(Refund(150))))
    centre, waits = client(home, line)
    assert centre.cancel(SID) == Refund(150)
    assert len(line.sent) == 3 and waits == [0.1, 0.2]


def test_the_next_centre_is_tried_before_waiting_and_the_one_that_answered_kept(home) -> None:
    line = Line(httpx.ConnectError("refused"), (200, wire.answer(Refund(0))))
    centre, waits = client(home, line, "https://a.test", "https://b.test")
    assert centre.close(SID) == Refund(0)
    assert [url for url, _ in line.sent] == ["https://a.test/v1/close", "https://b.test/v1/close"]
    assert waits == []
    centre.close(SID)
    assert line.sent[-1][0] == "https://b.test/v1/close"      # b first now


def test_a_centre_that_stays_away_is_unreachable_within_the_budget(home) -> None:
    line = Line(httpx.ConnectTimeout("no answer"))
    centre, waits = client(home, line, "https://a.test", "https://b.test")
    with pytest.raises(ServiceError) as caught:
        centre.settle(SID)
    assert caught.value.reason is Reason.CENTRE_UNREACHABLE
    assert "settle" in caught.value.detail and "ConnectTimeout" in caught.value.detail
    assert len(line.sent) == 2 * POLICY.rounds
    assert waits == [0.1, 0.2, 0.3] and sum(waits) <= POLICY.budget


@pytest.mark.parametrize("status, body, reason", [
    (404, wire.refusal(Reason.UNKNOWN_SESSION, SID), Reason.UNKNOWN_SESSION),
    (409, wire.refusal(Reason.WRONG_STEP), Reason.WRONG_STEP),
    (422, wire.refusal(Reason.PIN_LOCKED), Reason.PIN_LOCKED),
    (403, wire.refusal(Reason.KIOSK_CREDENTIAL_REFUSED), Reason.KIOSK_CREDENTIAL_REFUSED),
    (500, wire.refusal(Reason.SYSTEM_ERROR), Reason.SYSTEM_ERROR),
    (418, b"<html>teapot</html>", Reason.SYSTEM_ERROR),
    (200, b"not json", Reason.SYSTEM_ERROR),
    (200, {"result": {"yen": "many"}}, Reason.SYSTEM_ERROR),
    (200, {"result": [1]}, Reason.SYSTEM_ERROR),
    (200, {"no": "result"}, Reason.SYSTEM_ERROR),
])
def test_a_refusal_or_a_garbled_answer_is_never_tried_again(home, status, body, reason) -> None:
    line = Line((status, body))
    centre, waits = client(home, line)
    with pytest.raises(ServiceError) as caught:
        centre.cancel(SID)
    assert caught.value.reason is reason
    assert len(line.sent) == 1 and waits == []


def test_a_kiosk_speaks_only_for_itself(home) -> None:
    line = Line((200, wire.answer([])))
    centre, _ = client(home, line)
    assert centre.kiosk_id == "seven-izumi-fuchu"
    assert centre.recover("seven-izumi-fuchu") == []
    with pytest.raises(ServiceError) as caught:
        centre.recover("izumi-cityhall")
    assert caught.value.reason is Reason.UNKNOWN_KIOSK
    assert len(line.sent) == 1 and line.sent[0][1] == {}        # no kiosk id on the wire


def test_the_centres_are_https_urls() -> None:
    assert parse_centres("https://a:8443, https://b.example:9443/") == (
        "https://a:8443", "https://b.example:9443/")
    assert parse_centres(None) == ()
    for wrong in ("http://a:8443", "https://", "https://a:8443/v1", "a:8443", ",",
                  "https://a:port", "https://a:8443?x=1"):
        with pytest.raises(ValueError):
            parse_centres(wrong)
