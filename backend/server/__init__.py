"""The centre as a service: `IssuanceService` over HTTPS+JSON with mutual TLS.

`wire` is the protocol itself (one POST /v1/<method> per method of the service, its bodies and
answers in `backend.codec`'s JSON), plain data that a kiosk's client imports too; `schema`
(the pydantic models behind the OpenAPI schema), `app` (FastAPI) and `serve` (uvicorn, mutual
TLS) are the centre's side only. Nothing here is imported until asked for.
"""
