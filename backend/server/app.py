"""The centre's HTTP app (FastAPI): every method of `IssuanceService` as `POST /v1/<method>`.

The routes are made from the wire's table (`backend.server.wire`) and typed by its models
(`backend.server.schema`); the OpenAPI schema is at `/openapi.json` (and `kiosk centre
openapi`). In front of them, `Guard` checks the caller's credential and bounds the body.

Each call: the body checked against its model (422 otherwise, typed), the kiosk id taken from
the caller's certificate for the methods that take one, a named session answered only if it
is the caller's (UNKNOWN_SESSION otherwise, as for one that does not exist), then the method,
whose `ServiceError` is the answer's reason (`wire.status_for`). The centre's database out of
reach is 503 (try again); anything else unexpected is a typed 500, which no input a client
can send should ever cause (tests/network).
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from backend.api import SessionStart
from backend.centre_core import SESSION_ID
from backend.kiosk_ca import KioskAuthority
from backend.models import KioskSession
from backend.reasons import Reason, ServiceError
from backend.server import wire
from backend.server.guard import CALLER, Guard, PeerOf, tls_peer
from backend.server.schema import Refused, answer_model, body_model
from backend.service import IssuanceCentre

log = logging.getLogger("backend.server")
TITLE = "コンビニ交付 issuance centre"
REFUSALS = (400, 403, 404, 409, 413, 422, 500, 503)
OWNERS_MAX = 100_000           # sessions whose kiosk a server process keeps in mind
CentreOf = Callable[[], IssuanceCentre]


class AsciiJSON(JSONResponse):
    """JSON with every non-ASCII character escaped: text the centre echoes back (a detail
    with a lone surrogate in it) can never fail to encode."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode()


def refused(reason: Reason, detail: str = "", status: int | None = None) -> AsciiJSON:
    return AsciiJSON(wire.refusal(reason, detail), status_code=status or wire.status_for(reason))


def create_app(centre: IssuanceCentre | CentreOf | None, authority: KioskAuthority | None, *,
               peer: PeerOf = tls_peer) -> FastAPI:
    """The app over `centre` (or a function giving it), recognising kiosks by `authority`.
    `peer` reads the caller's certificate from a request (the TLS connection's)."""
    app = FastAPI(title=TITLE, version="1", separate_input_output_schemas=False,
                  docs_url=None, redoc_url=None,
                  description="The issuance centre's service API (backend.api.IssuanceService) "
                  "over HTTPS+JSON with mutual TLS: the kiosk id is its certificate's.")

    def centre_of() -> IssuanceCentre:
        if centre is None:
            raise ServiceError(Reason.SYSTEM_ERROR, "no centre behind this app")
        return centre if isinstance(centre, IssuanceCentre) else centre()

    owners = SessionOwners()
    for endpoint in wire.endpoints().values():
        _route(app, endpoint, centre_of, owners)
    _refusals(app)
    app.add_middleware(Guard, authority=authority, peer=peer)
    return app


def _route(app: FastAPI, endpoint: wire.Endpoint, centre_of: CentreOf,
           owners: SessionOwners) -> None:
    body_type = body_model(endpoint)

    def call(request: Request, body: BaseModel) -> AsciiJSON:
        kiosk_id: str = request.scope["state"][CALLER]
        args = wire.call_arguments(endpoint, body.model_dump(mode="json"))
        centre = centre_of()
        if endpoint.session_scoped:
            owners.require_own(centre, kiosk_id, args[wire.SESSION_PARAM])
        if endpoint.kiosk_scoped:
            args[wire.KIOSK_PARAM] = kiosk_id
        result = getattr(centre, endpoint.name)(**args)
        if isinstance(result, SessionStart):
            owners.learn(result.session_id, kiosk_id)
        return AsciiJSON(wire.answer(result))

    # FastAPI reads a route's body type from its signature: this route's own model.
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    call.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("request", positional, annotation=Request),
        inspect.Parameter("body", positional, annotation=body_type)])
    responses: dict[int | str, dict[str, Any]] = {
        200: {"model": answer_model(endpoint), "description": "the method's result"}}
    responses.update({status: {"model": Refused, "description": "refused, with its reason"}
                      for status in REFUSALS})
    app.add_api_route(endpoint.path, call, methods=["POST"], name=endpoint.name,
                      operation_id=endpoint.name, summary=endpoint.summary,
                      response_model=None, response_class=AsciiJSON, responses=responses)


class SessionOwners:
    """Whose each session is, as this server process has learnt it. A session's kiosk never
    changes and its id is never given out again, so once known it is known for good: a
    session's calls after ① ask the database nothing more than their own unit of work."""

    def __init__(self, limit: int = OWNERS_MAX) -> None:
        self.limit = limit
        self._owner: dict[str, str] = {}
        self._lock = threading.Lock()

    def learn(self, session_id: str, kiosk_id: str) -> None:
        with self._lock:
            if len(self._owner) >= self.limit:     # a bound: the oldest half forgotten
                for stale in list(self._owner)[: self.limit // 2]:
                    del self._owner[stale]
            self._owner[session_id] = kiosk_id

    def require_own(self, centre: IssuanceCentre, kiosk_id: str, session_id: str) -> None:
        """A kiosk acts on its own sessions only; another's is as unknown as one never
        opened (asked of the database until its owner is known: ids no one opened, always)."""
        if not SESSION_ID.fullmatch(session_id):
            raise ServiceError(Reason.UNKNOWN_SESSION, repr(session_id)[:80])
        owner = self._owner.get(session_id)
        if owner is None:
            with centre.db.unit() as s:
                owner = s.scalar(select(KioskSession.kiosk_id).where(
                    KioskSession.id == session_id))
            if owner is not None:
                self.learn(session_id, owner)
        if owner != kiosk_id:
            raise ServiceError(Reason.UNKNOWN_SESSION, session_id)


def _refusals(app: FastAPI) -> None:
    """Every failure as a typed answer: the reason a refusal carries, or what went wrong."""

    async def service_error(request: Request, exc: Exception) -> AsciiJSON:
        assert isinstance(exc, ServiceError)
        return refused(exc.reason, exc.detail)

    async def invalid(request: Request, exc: Exception) -> AsciiJSON:
        assert isinstance(exc, RequestValidationError)
        problems = [f"{'.'.join(str(part) for part in e.get('loc', ()))}: {e.get('msg', '')}"
                    for e in exc.errors()[:5]]
        return refused(Reason.BAD_REQUEST, "; ".join(problems), 422)

    async def http_error(request: Request, exc: Exception) -> AsciiJSON:
        assert isinstance(exc, HTTPException)
        return refused(Reason.BAD_REQUEST, str(exc.detail), exc.status_code)

    async def unreachable(request: Request, exc: Exception) -> AsciiJSON:
        log.warning("the centre's database is out of reach: %s", type(exc).__name__)
        return refused(Reason.CENTRE_UNREACHABLE, "the centre's database is out of reach")

    async def failure(request: Request, exc: Exception) -> AsciiJSON:
        log.exception("%s failed", request.url.path)
        return refused(Reason.SYSTEM_ERROR, type(exc).__name__)

    app.add_exception_handler(ServiceError, service_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    for database_away in (OperationalError, DisconnectionError, PoolTimeout):
        app.add_exception_handler(database_away, unreachable)
    app.add_exception_handler(Exception, failure)


def openapi_schema() -> dict[str, Any]:
    """The API's OpenAPI schema, as `/openapi.json` serves it."""
    return create_app(None, None).openapi()


# --- what uvicorn runs (`kiosk centre serve`) ------------------------------------------------

ENV_CLOCK = "KIOSK_CENTRE_CLOCK"


def app_from_environment() -> FastAPI:
    """The app of one server process, configured as `kiosk centre serve` left it in the
    environment: KIOSK_HOME (the centre's home), KIOSK_DATABASE_URL, KIOSK_CENTRE_CLOCK (an
    ISO instant to start a running clock at; default: the system clock). The database is
    already migrated by then."""
    from backend import config
    from backend.clock import AdvancingClock, Clock, SystemClock, parse_clock
    from backend.db import Database

    paths = config.paths()
    start = os.environ.get(ENV_CLOCK)
    clock: Clock = AdvancingClock(parse_clock(start)) if start else SystemClock()
    centre = IssuanceCentre(paths, clock, Database(config.database_url(home=paths)))
    return create_app(centre, KioskAuthority(paths))


__all__ = ["app_from_environment", "create_app", "openapi_schema"]
