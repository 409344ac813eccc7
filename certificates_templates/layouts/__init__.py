"""One small layout per document type: each says what goes on the paper, the toolkit draws it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from certificates_templates import documents as d
from certificates_templates.layouts import (family_register, family_register_addresses, receipt,
                                            refund_slip, registration_slip, resident_record, seal,
                                            tax)
from certificates_templates.toolkit import Composition

# Keyed by document type; each layout takes that type (Any: a dict cannot say so per key).
_LAYOUTS: dict[type, Callable[[Any, bool], Composition]] = {
    d.ResidentRecord: resident_record.compose,
    d.SealCertificate: seal.compose,
    d.TaxCertificate: tax.compose,
    d.FamilyRegister: family_register.compose_register,
    d.FamilyRegisterAddresses: family_register_addresses.compose,
    d.Receipt: receipt.compose,
    d.RefundSlip: refund_slip.compose,
    d.RegistrationSlip: registration_slip.compose,
}


def compose(document, substituted: bool = False) -> Composition:
    try:
        layout = _LAYOUTS[type(document)]
    except KeyError:
        raise TypeError(f"no layout for {type(document).__name__}") from None
    return layout(document, substituted)
