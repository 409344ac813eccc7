"""A property-based run over the centre's OpenAPI schema (schemathesis): calls made from the
schema — valid ones and deliberately broken ones — against a served centre, with a kiosk's
credential. Whatever comes, the answer is typed, documented and never a 5xx. Bounded: a few
examples per call, derandomized (the same run every time)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

from backend.config import Paths
from backend.kiosk_ca import CredentialFiles
from backend.server.app import openapi_schema
from tests.network.conftest import KIOSK_A, kiosk_home

schema = schemathesis.openapi.from_dict(openapi_schema())


@pytest.fixture(scope="module")
def credential(centre_home: Paths, tmp_path_factory: pytest.TempPathFactory) -> CredentialFiles:
    return CredentialFiles.in_home(kiosk_home(centre_home, KIOSK_A,
                                              tmp_path_factory.mktemp("kiosk")))


@schema.parametrize()
@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_call_the_schema_allows_or_breaks_makes_the_centre_fail(case, centre, credential):
    response = case.call(base_url=centre.url, verify=str(credential.centre_ca),
                         cert=(str(credential.certificate), str(credential.key)), timeout=30)
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                             response_schema_conformance])
