"""The centre's door, before any call is read: who is calling, and a bound on what they send.

`Guard` is plain ASGI, outside every route: the caller's TLS certificate must be a kiosk
credential of the centre's kiosk CA, not revoked (403 otherwise, whatever the path); a body
over `MAX_BODY_BYTES` is refused (413) without being read further. The kiosk id the
certificate names is handed to the routes in the request's state (`CALLER`), the only place
they take it from.

uvicorn does not give an ASGI app the peer's certificate (the ASGI TLS extension would), so
`PeerCertificateH11` — uvicorn's h11 protocol, one per connection — puts it into the state
uvicorn copies into each request's scope, once the handshake is done.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from backend.kiosk_ca import KioskAuthority
from backend.reasons import Reason, ServiceError
from backend.server.wire import MAX_BODY_BYTES, refusal

PEER_CERTIFICATE = "tls_peer_certificate"
CALLER = "kiosk_id"

PeerOf = Callable[[Scope], bytes | None]


def tls_peer(scope: Scope) -> bytes | None:
    """The DER certificate the TLS peer of this request presented (None over plain HTTP)."""
    peer: bytes | None = scope.get("state", {}).get(PEER_CERTIFICATE)
    return peer


class PeerCertificateH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with the connection's client certificate in every
    request's `scope["state"]`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        self.app_state = {**self.app_state, PEER_CERTIFICATE: der}
        super().connection_made(transport)


class Guard:
    """The credential check and the body bound, in front of the app."""

    def __init__(self, app: ASGIApp, authority: KioskAuthority | None,
                 peer: PeerOf = tls_peer, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.authority, self.peer, self.limit = app, authority, peer, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            if self.authority is None:
                raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, "no kiosk CA")
            kiosk_id = self.authority.kiosk_of(self.peer(scope))
        except ServiceError as exc:
            await respond(send, 403, refusal(exc.reason, exc.detail))
            return
        body = await self._body(scope, receive, send)
        if body is None:
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()          # after the body: the disconnect, when it comes

        state = {**scope.get("state", {}), CALLER: kiosk_id}
        await self.app({**scope, "state": state}, replay, send)

    async def _body(self, scope: Scope, receive: Receive, send: Send) -> bytes | None:
        """The whole body, or None once refused (413) or the client has gone."""
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await respond(send, 413 if declared.isdigit() else 400, refusal(
                Reason.BAD_REQUEST, f"a body is at most {self.limit} bytes"))
            return None
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await respond(send, 413, refusal(Reason.BAD_REQUEST,
                                                  f"a body is at most {self.limit} bytes"))
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)


async def respond(send: Send, status: int, content: dict[str, Any]) -> None:
    """A JSON answer straight from the door (ASCII: any text in it goes out escaped)."""
    body = json.dumps(content, ensure_ascii=True).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["CALLER", "Guard", "PeerCertificateH11", "tls_peer"]
