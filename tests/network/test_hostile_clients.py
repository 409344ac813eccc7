"""Hostile clients against a served centre (mutual TLS on loopback): each gets a typed refusal
and never a 5xx — no credential or another CA's (the handshake fails), a revoked kiosk (403),
another kiosk's session (as unknown as one never opened), a kiosk id in the body (ignored),
malformed, mistyped, oversized and deeply nested bodies, unknown paths and methods."""

from __future__ import annotations

import json
import socket
import ssl
from pathlib import Path

import httpx
import pytest

from backend.config import Paths
from backend.kiosk_ca import CredentialFiles, KioskAuthority
from backend.reasons import Reason
from backend.server.wire import MAX_BODY_BYTES
from kiosk.testing.centre_server import HOST, CentreServer
from tests.network.conftest import KIOSK_A, KIOSK_B, kiosk_home, tls_client

REVOKED = "lawson-tomakomai-ekimae"


@pytest.fixture(scope="module")
def homes(centre_home: Paths, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    where = tmp_path_factory.mktemp("kiosks")
    homes = {kiosk: kiosk_home(centre_home, kiosk, where) for kiosk in (KIOSK_A, KIOSK_B, REVOKED)}
    KioskAuthority(centre_home).revoke(REVOKED)
    homes["foreign"] = where / "foreign"
    KioskAuthority(Paths(where / "other-centre")).issue(KIOSK_A, homes["foreign"])
    return homes


def refusal(response: httpx.Response, status: int, reason: Reason) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["reason"] == reason.value, body
    return str(body["detail"])


def raw_answer(centre: CentreServer, context: ssl.SSLContext) -> bytes:
    """What a TLS client with `context` gets back for one request: the first bytes of the
    answer, or b"" when the centre closed the connection without one (or a TLS alert)."""
    with socket.create_connection((HOST, centre.port), timeout=10) as raw:
        try:
            with context.wrap_socket(raw, server_hostname=HOST) as tls:
                tls.sendall(b"POST /v1/kiosk HTTP/1.1\r\nHost: centre\r\n"
                            b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                return tls.recv(64)
        except (ssl.SSLError, ConnectionResetError, BrokenPipeError):
            return b""


def context_for(home: Path | None, trust: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(trust))
    if home is not None:
        files = CredentialFiles.in_home(home)
        context.load_cert_chain(str(files.certificate), str(files.key))
    return context


def test_no_credential_or_another_cas_fails_the_handshake(centre, homes) -> None:
    trust = CredentialFiles.in_home(homes[KIOSK_A]).centre_ca
    assert raw_answer(centre, context_for(homes[KIOSK_A], trust)).startswith(b"HTTP/1.1 200")
    assert raw_answer(centre, context_for(None, trust)) == b""
    assert raw_answer(centre, context_for(homes["foreign"], trust)) == b""
    for home in (None, homes["foreign"]):
        with tls_client(home, trust=trust) as client, pytest.raises(httpx.TransportError):
            client.post(f"{centre.url}/v1/kiosk", json={})


def test_a_kiosk_does_not_trust_another_centre(centre, homes) -> None:
    other = CredentialFiles.in_home(homes["foreign"]).centre_ca
    with tls_client(homes[KIOSK_A], trust=other) as client, pytest.raises(httpx.ConnectError):
        client.post(f"{centre.url}/v1/kiosk", json={})


def test_a_revoked_kiosk_is_refused_on_every_path(centre, homes) -> None:
    with tls_client(homes[REVOKED]) as client:
        for path in ("/v1/kiosk", "/v1/begin_session", "/openapi.json", "/nowhere"):
            detail = refusal(client.post(centre.url + path, json={}), 403,
                             Reason.KIOSK_CREDENTIAL_REFUSED)
            assert detail == f"{REVOKED}: revoked"


def test_a_kiosk_acts_only_as_itself_and_on_its_own_sessions(centre, homes) -> None:
    with tls_client(homes[KIOSK_A]) as a, tls_client(homes[KIOSK_B]) as b:
        # the kiosk id comes from the certificate: a body naming another is not read
        start = a.post(f"{centre.url}/v1/begin_session", json={"kiosk_id": KIOSK_B})
        assert start.status_code == 200, start.text
        assert start.json()["result"]["kiosk"]["kiosk_id"] == KIOSK_A
        sid = start.json()["result"]["session_id"]
        assert b.post(f"{centre.url}/v1/kiosk", json={"kiosk_id": KIOSK_A}).json()[
            "result"]["kiosk_id"] == KIOSK_B
        calls = {"members": {}, "cancel": {}, "close": {}, "refund_slip": {},
                 "insert_coin": {"seq": 1, "yen": 100}, "report_copy": {"copy_no": 1,
                                                                        "printed": True},
                 "precheck_card": {"certificate_der": "AAAA"}}
        for name, args in calls.items():
            answer = b.post(f"{centre.url}/v1/{name}", json={"session_id": sid, **args})
            assert refusal(answer, 404, Reason.UNKNOWN_SESSION) == sid, name
            never = b.post(f"{centre.url}/v1/{name}", json={"session_id": "0" * 32, **args})
            assert refusal(never, 404, Reason.UNKNOWN_SESSION) == "0" * 32
        # B's attempts left A's session as it was: still open, and A's to close
        closed = a.post(f"{centre.url}/v1/close", json={"session_id": sid})
        assert closed.status_code == 200 and closed.json() == {"result": {"yen": 0}}
        assert refusal(a.post(f"{centre.url}/v1/members", json={"session_id": sid}), 409,
                       Reason.SESSION_CLOSED) == sid


def test_bodies_that_are_no_call_are_typed_refusals(centre, homes) -> None:
    url = centre.url
    with tls_client(homes[KIOSK_A]) as client:
        sid = client.post(f"{url}/v1/begin_session", json={}).json()["result"]["session_id"]
        bad = [
            ("/v1/members", b"{not json", 422), ("/v1/members", b"", 422),
            ("/v1/members", b"[1, 2]", 422), ("/v1/members", b'"text"', 422),
            ("/v1/members", b"[" * 5000 + b"]" * 5000, None),
            ("/v1/members", b'{"session_id": 5}', 422),
            ("/v1/members", b'{"session_id": null}', 422),
            ("/v1/insert_coin", json.dumps({"session_id": sid, "seq": "1", "yen": 100}), 422),
            ("/v1/insert_coin", json.dumps({"session_id": sid, "seq": True, "yen": 100}), 422),
            ("/v1/insert_coin", json.dumps({"session_id": sid, "seq": 10**40, "yen": 100}), 422),
            ("/v1/insert_coin", json.dumps({"session_id": sid, "seq": 1, "yen": 1.5}), 422),
            ("/v1/report_copy", json.dumps({"session_id": sid, "copy_no": 1, "printed": 1}), 422),
            ("/v1/offerings", json.dumps({"session_id": sid, "scope": "moon"}), 422),
            ("/v1/begin_session", b'{"service": "karaoke"}', 422),
            ("/v1/quote", json.dumps({"session_id": sid, "request": {"copies": 2}}), 422),
            ("/v1/quote", json.dumps({"session_id": sid, "request": {
                "certificate": "juminhyo", "copies": -1, "fields": ["nope"]}}), 422),
            ("/v1/authenticate", json.dumps({"session_id": sid, "certificate_der": "%%%",
                                             "signature": 12}), 422),
            ("/v1/members", b'{"session_id": "\\u0000\\ud800"}', 404),
            ("/v1/honseki_municipalities", json.dumps({"session_id": sid,
                                                       "prefecture": "\ud800\x00"}), 409),
            ("/v1/settle", json.dumps({"session_id": sid}), 409),
            ("/v1/no_such_call", b"{}", 404),
        ]
        for path, content, status in bad:
            answer = client.post(url + path, content=content,
                                 headers={"content-type": "application/json"})
            assert 400 <= answer.status_code < 500, (path, content[:60], answer.text)
            assert answer.json()["reason"] in {r.value for r in Reason}, answer.text
            if status is not None:
                assert answer.status_code == status, (path, content[:60], answer.text)
        assert client.get(f"{url}/v1/kiosk").status_code == 405


def test_an_oversized_body_is_refused_unread(centre, homes) -> None:
    big = b'{"session_id": "' + b"a" * MAX_BODY_BYTES + b'"}'
    with tls_client(homes[KIOSK_A]) as client:
        refusal(client.post(f"{centre.url}/v1/members", content=big), 413, Reason.BAD_REQUEST)

        def chunks():                  # no Content-Length: counted as it comes
            for _ in range(80):
                yield b" " * 1024
        refusal(client.post(f"{centre.url}/v1/members", content=chunks()), 413,
                Reason.BAD_REQUEST)
        # and the centre is still there for the next call
        assert client.post(f"{centre.url}/v1/kiosk", json={}).status_code == 200


def test_the_centre_logged_no_failure_of_its_own(centre, homes) -> None:
    """Last in this module: whatever came before, the centre never failed unexpectedly."""
    log = centre.log.read_text(errors="replace")
    assert "Traceback" not in log and "failed" not in log, log[-2000:]
