"""From the register to paper: backend models → document data → signed PDF bytes.

The service calls `render_copies` at ⑫, `render_receipt` at ⑭ and `render_slip` for the
slips. Each copy of an issuance is its own document: its own 発行番号 (`document_id`, the
copy's number last) and its own verification code, signed by the municipality's key
(`backend.document_keys`); the certificate is drawn once for all of them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import models as m
from backend import registry
from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, IssuedCopy, PrintedField
from backend.clock import JST
from backend.config import Paths
from backend.document_keys import load_or_create_key
from backend.reasons import Reason, ServiceError
from backend.rules.requests import chosen_members
from certificates_templates import documents as d
from certificates_templates.documents import DocumentDataError
from certificates_templates.era import format_date
from certificates_templates.render import render_certificate_copies
from certificates_templates.render import render_receipt as _render_receipt
from certificates_templates.verification import Ed25519Signer

# Keyed by `CertificateCode`, a str enum: the code's plain string finds the same name.
CERTIFICATE_NAMES: dict[str, str] = {
    CertificateCode.RESIDENT_RECORD: "住民票の写し",
    CertificateCode.SEAL_REGISTRATION: "印鑑登録証明書",
    CertificateCode.TAX: "課税(所得)証明書",
    CertificateCode.FAMILY_REGISTER_ALL: "戸籍全部事項証明書",
    CertificateCode.FAMILY_REGISTER_ONE: "戸籍個人事項証明書",
    CertificateCode.FAMILY_REGISTER_ADDRESSES: "戸籍の附票の写し",
}
SCOPE_LABELS = {IssuanceKind.HOUSEHOLD_ALL: "世帯全員", IssuanceKind.HOUSEHOLD_SOME: "世帯の一部",
                IssuanceKind.SELF: "本人"}
SEX = {"1": "男", "2": "女"}
T = TypeVar("T")


# The service's receipt data is the layout's: one type, under the name the service knows.
ReceiptData = d.Receipt


def document_id(municipality_code: str, issuance_id: str, copy_no: int = 1) -> str:
    """The 発行番号 of one copy: ASCII, at most 48 characters — the municipality, the issuance
    and the copy's number (an issuance id too long for that is shortened to its hash)."""
    suffix = f"-{copy_no:02d}"
    room = 48 - len(municipality_code) - 1 - len(suffix)
    tail = re.sub(r"[^A-Za-z0-9-]", "", issuance_id)
    if not tail or len(tail) > room:
        tail = hashlib.sha256(issuance_id.encode()).hexdigest()[:min(24, room)]
    return f"{municipality_code}-{tail}{suffix}"


def render_copies(db: Session, *, issuance_id: str, request: IssuanceRequest,
                  holder_resident_id: int, municipality_code: str, issued_at: datetime,
                  paths: Paths) -> list[IssuedCopy]:
    """Render the requested certificate once for all its `request.copies` copies, each its
    own document (its own 発行番号 and verification code).

    Raises ServiceError(CERTIFICATE_DATA_INCOMPLETE | NOT_ELIGIBLE_NO_SEAL | NO_TAX_RECORD)
    when the register cannot make the certificate; nothing is half-made."""
    muni = db.get(m.Municipality, municipality_code)
    holder = db.get(m.Resident, int(holder_resident_id))
    if muni is None or holder is None:
        raise ServiceError(Reason.CERTIFICATE_DATA_INCOMPLETE,
                           f"municipality {municipality_code} or resident {holder_resident_id} missing")
    meta = d.DocumentMeta(
        issuer=d.Issuer(muni.code, muni.name, muni.prefecture, "長", muni.mayor),
        issued_on=issued_at.astimezone(JST).date(),
        document_id=document_id(municipality_code, issuance_id),
    )
    document = build_document(db, request, holder, meta)
    signer = Ed25519Signer(municipality_code, load_or_create_key(paths, municipality_code))
    ids = [document_id(municipality_code, issuance_id, n) for n in range(1, request.copies + 1)]
    try:
        rendered = render_certificate_copies(document, signer, ids)
    except DocumentDataError as exc:
        raise ServiceError(Reason.CERTIFICATE_DATA_INCOMPLETE, str(exc)) from exc
    return [IssuedCopy(copy_no=n, document_id=copy.document_id or ids[n - 1], pdf=copy.pdf)
            for n, copy in enumerate(rendered, start=1)]


def render_slip(slip: d.RefundSlip | d.RegistrationSlip) -> bytes:
    """The 返金できませんでした slip, or the 申請受付 slip of a 利用登録申請, in Japan time."""
    return _render_receipt(replace(slip, issued_at=slip.issued_at.astimezone(JST)))


def render_receipt(data: ReceiptData) -> bytes:
    """The 領収書 in Japan time; a `CertificateCode` in `data.certificate` prints as its name."""
    return _render_receipt(replace(
        data, certificate=CERTIFICATE_NAMES.get(data.certificate, data.certificate),
        issued_at=data.issued_at.astimezone(JST)))


# ── register → document data ─────────────────────────────────────────────────
def build_document(db: Session, request: IssuanceRequest, holder: m.Resident,
                   meta: d.DocumentMeta) -> d.Certificate:
    code = CertificateCode(request.certificate)
    if code is CertificateCode.RESIDENT_RECORD:
        return _resident_record(request, holder, meta)
    if code is CertificateCode.SEAL_REGISTRATION:
        return _seal(holder, meta)
    if code is CertificateCode.TAX:
        return _tax(holder, meta)
    honseki, hittosha = _need(holder.honseki_address, "本籍"), _need(holder.hittosha, "筆頭者")
    family = _family(db, honseki, hittosha)
    if code is CertificateCode.FAMILY_REGISTER_ADDRESSES:
        return d.FamilyRegisterAddresses(meta, honseki, hittosha,
                                         tuple(_address_history(r) for r in family))
    whole = code is CertificateCode.FAMILY_REGISTER_ALL
    persons = family if whole else [holder]
    return d.FamilyRegister(
        meta, honseki, hittosha,
        register_events=(), persons=tuple(_register_person(r) for r in persons), whole=whole)


def _need(value: T | None, what: str) -> T:
    if value is None or value == "":
        raise ServiceError(Reason.CERTIFICATE_DATA_INCOMPLETE, f"register lacks {what}")
    return value


def _name(r: m.Resident) -> str:
    return f"{r.family_name}　{r.given_name}"


def _chosen(request: IssuanceRequest, holder: m.Resident) -> tuple[list[m.Resident], str]:
    """The people to print, in household order. The service passes `member_ids` resolved; a
    request without them is resolved here by the same rule."""
    kind = IssuanceKind(request.kind) if request.kind else IssuanceKind.SELF
    wanted = set(request.member_ids or chosen_members(
        (), kind, registry.member_id(holder),
        [registry.member_id(r) for r in registry.household_members(holder)]))
    chosen = [r for r in holder.household.members if registry.member_id(r) in wanted]
    if len(chosen) != len(wanted):
        raise ServiceError(Reason.MEMBER_NOT_IN_HOUSEHOLD, "a chosen member is not in the household")
    return chosen, SCOPE_LABELS[kind]


def _resident_record(request: IssuanceRequest, holder: m.Resident, meta: d.DocumentMeta) -> d.ResidentRecord:
    fields = {PrintedField(f) for f in request.fields}
    persons, label = _chosen(request, holder)
    head = next((r for r in holder.household.members if r.relation == "世帯主"), None)
    return d.ResidentRecord(
        meta=meta,
        address=holder.household.address,
        household_head=_name(head) if head else "",
        persons=tuple(_entry(r) for r in persons),
        options=d.ResidentPrintOptions(
            head_and_relation=PrintedField.HEAD_AND_RELATION in fields,
            honseki=PrintedField.HONSEKI in fields,
            my_number=PrintedField.MY_NUMBER in fields),
        scope_label=label,
    )


def _entry(r: m.Resident) -> d.ResidentEntry:
    foreign = None
    if r.nationality:
        foreign = d.ForeignResidence(r.nationality, r.residence_card_no or "", r.residence_status or "",
                                     r.stay_period or "", r.stay_expires_on)
    return d.ResidentEntry(
        name=_name(r), name_kana=f"{r.family_kana}　{r.given_kana}", former_surname=r.former_surname,
        birth_date=r.birth_date, sex=SEX.get(r.sex, "―"), relation=r.relation,
        became_resident_on=r.became_resident_on, address_fixed_on=r.address_set_on,
        previous_address=r.previous_address, my_number=r.my_number,
        honseki=r.honseki_address, hittosha=r.hittosha, foreign=foreign)


def _seal(holder: m.Resident, meta: d.DocumentMeta) -> d.SealCertificate:
    reg = holder.seal
    if reg is None:
        raise ServiceError(Reason.NOT_ELIGIBLE_NO_SEAL)
    imp = reg.impression or {}
    return d.SealCertificate(
        meta=meta, registration_no=reg.registration_no, name=_name(holder),
        birth_date=holder.birth_date, sex=SEX.get(holder.sex, "―"), address=holder.address,
        impression=d.SealImpression(_need(imp.get("text"), "印影"), imp.get("shape", "round"),
                                    float(imp.get("mm", 15))))


_PREFECTURAL_TAX = {"都": "都民税", "道": "道民税", "府": "府民税"}
_LOCAL_TAX = {"市": "市民税", "区": "特別区民税"}


def _tax(holder: m.Resident, meta: d.DocumentMeta) -> d.TaxCertificate:
    if not holder.tax_records:
        raise ServiceError(Reason.NO_TAX_RECORD)
    latest = max(holder.tax_records, key=lambda t: t.fiscal_year)
    pref = _PREFECTURAL_TAX.get(meta.issuer.prefecture[-1:], "県民税")
    local = _LOCAL_TAX.get(meta.issuer.municipality_name[-1:], "町村民税")
    return d.TaxCertificate(
        meta=meta, fiscal_year=latest.fiscal_year, name=_name(holder), address=holder.address,
        birth_date=holder.birth_date,
        income=(d.TaxLine("総所得金額", latest.income_yen),),
        deductions=(d.TaxLine("所得控除額合計", latest.income_yen - latest.taxable_income_yen),
                    d.TaxLine("課税標準額", latest.taxable_income_yen)),
        tax=(d.TaxLine(local, latest.municipal_tax_yen), d.TaxLine(pref, latest.prefectural_tax_yen),
             d.TaxLine("年税額", latest.municipal_tax_yen + latest.prefectural_tax_yen)),
    )


def _family(db: Session, honseki: str, hittosha: str) -> list[m.Resident]:
    """The people in one 戸籍 (本籍 and 筆頭者) the centre knows of, the 筆頭者 first."""
    rows = db.scalars(select(m.Resident).where(
        m.Resident.honseki_address == honseki,
        m.Resident.hittosha == hittosha).order_by(m.Resident.birth_date)).all()
    return sorted(rows, key=lambda r: (_plain(_name(r)) != _plain(r.hittosha), r.birth_date))


def _plain(name: str | None) -> str:
    return "".join((name or "").split())


def _address_history(r: m.Resident) -> d.AddressHistory:
    entries = []
    if r.previous_address:
        entries.append(d.AddressEntry(r.previous_address, None))
    entries.append(d.AddressEntry(r.address, r.address_set_on))
    return d.AddressHistory(_name(r), r.birth_date, tuple(entries))


def _register_person(r: m.Resident) -> d.RegisterPerson:
    events = [d.RegisterEvent("出生", f"【出生日】{format_date(r.birth_date)}")]
    if r.former_surname:
        events.append(d.RegisterEvent("婚姻", f"【婚姻前の氏】{r.former_surname}"))
    return d.RegisterPerson(name=r.given_name, birth_date=r.birth_date, sex=SEX.get(r.sex, "―"),
                            relation=r.relation, events=tuple(events))
