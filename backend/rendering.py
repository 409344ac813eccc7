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
from backend import family_registers
from backend.api import CertificateCode, IssuanceKind, IssuanceRequest, IssuedCopy, PrintedField
from backend.clock import JST
from backend.config import Paths
from backend.document_keys import load_or_create_key
from backend.reasons import Reason, ServiceError
from backend.register_documents import register_document
from backend.rules.register import plain
from backend.rules.requests import chosen_members
from backend.rules.tax import tax_names
from certificates_templates import documents as d
from certificates_templates.documents import DocumentDataError
from certificates_templates.render import render_certificate_copies
from certificates_templates.render import render_receipt as _render_receipt
from certificates_templates.verification import Ed25519Signer

# Keyed by `CertificateCode`, a str enum: the code's plain string finds the same name.
CERTIFICATE_NAMES: dict[str, str] = {
    CertificateCode.RESIDENT_RECORD: "住民票の写し",
    CertificateCode.SEAL_REGISTRATION: "印鑑登録証明書",
    CertificateCode.TAX: "課税（所得）証明書",
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
        issuer=d.Issuer(muni.code, muni.name, muni.prefecture, "長", _spaced(muni.mayor)),
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
    if code is not CertificateCode.FAMILY_REGISTER_ADDRESSES:
        return family_register(db, request, holder, meta)
    honseki, hittosha = _need(holder.honseki_address, "本籍"), _need(holder.hittosha, "筆頭者")
    family = _family(db, honseki, hittosha)
    return d.FamilyRegisterAddresses(meta, honseki, _spaced(hittosha),
                                     tuple(_address_history(db, r) for r in family))


def _need(value: T | None, what: str) -> T:
    if value is None or value == "":
        raise ServiceError(Reason.CERTIFICATE_DATA_INCOMPLETE, f"register lacks {what}")
    return value


def _name(r: m.Resident) -> str:
    """氏名 as printed: 氏, one full-width space, 名."""
    return f"{r.family_name}　{r.given_name}"


def _spaced(name: str) -> str:
    """A name kept as one string (筆頭者, 通称), printed like `_name`: its 氏 and 名 apart by
    one full-width space, whatever space the register holds."""
    family, _, given = name.strip().replace("　", " ").partition(" ")
    return f"{family}　{given.strip()}" if given.strip() else family


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
            my_number=PrintedField.MY_NUMBER in fields,
            residence_card=PrintedField.RESIDENCE_CARD in fields),
        scope_label=label,
    )


def _entry(r: m.Resident) -> d.ResidentEntry:
    foreign = None
    if r.nationality:
        foreign = d.ForeignResidence(
            r.nationality, r.residence_card_no or "", r.residence_status or "",
            r.stay_period or "", r.stay_expires_on, category=r.section_30_45 or "",
            since=r.foreign_resident_since)
    return d.ResidentEntry(
        name=_name(r), name_kana=f"{r.family_kana}　{r.given_kana}", former_surname=r.former_surname,
        birth_date=r.birth_date, sex=SEX.get(r.sex, "―"), relation=r.relation,
        became_resident_on=r.became_resident_on, address_fixed_on=r.address_set_on,
        previous_address=r.previous_address, notified_on=r.notified_on,
        move_reason=r.move_reason, my_number=r.my_number,
        honseki=r.honseki_address, hittosha=_spaced(r.hittosha) if r.hittosha else None,
        common_name=_spaced(r.common_name) if r.common_name else None, foreign=foreign)


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


def _tax(holder: m.Resident, meta: d.DocumentMeta) -> d.TaxCertificate:
    if not holder.tax_records:
        raise ServiceError(Reason.NO_TAX_RECORD)
    t = max(holder.tax_records, key=lambda t: t.fiscal_year)
    local, prefectural = tax_names(meta.issuer.prefecture, meta.issuer.municipality_name)
    line = d.TaxLine
    return d.TaxCertificate(
        meta=meta, fiscal_year=t.fiscal_year, name=_name(holder), address=holder.address,
        birth_date=holder.birth_date,
        revenue=(line("給与収入", t.salary_revenue_yen), line("公的年金等収入", t.pension_revenue_yen)),
        income=(line("給与所得", t.salary_income_yen), line("雑所得（公的年金等）", t.pension_income_yen),
                line("営業等所得", t.business_income_yen)),
        total_income=t.income_yen,
        deductions=(line("社会保険料控除", t.social_insurance_deduction_yen),
                    line("生命保険料控除", t.life_insurance_deduction_yen),
                    line("配偶者控除", t.spouse_deduction_yen),
                    line("扶養控除", t.dependant_deduction_yen),
                    line("基礎控除", t.basic_deduction_yen)),
        taxable_income=t.taxable_income_yen,
        dependants=d.Dependants(t.spouse_deduction_yen > 0, t.dependants, t.young_dependants),
        municipal=d.LocalTax(local, t.municipal_income_levy_yen, t.municipal_per_capita_yen),
        prefectural=d.LocalTax(prefectural, t.prefectural_income_levy_yen,
                               t.prefectural_per_capita_yen),
    )


def _family(db: Session, honseki: str, hittosha: str) -> list[m.Resident]:
    """The people in one 戸籍 (本籍 and 筆頭者) the centre knows of, the 筆頭者 first."""
    rows = db.scalars(select(m.Resident).where(
        m.Resident.honseki_address == honseki,
        m.Resident.hittosha == hittosha).order_by(m.Resident.birth_date)).all()
    return sorted(rows, key=lambda r: (plain(_name(r)) != plain(r.hittosha), r.birth_date))


def _address_history(db: Session, r: m.Resident) -> d.AddressHistory:
    """The 附票's addresses, oldest first, each with its 住所を定めた年月日: the lines of the
    戸籍 the resident is in, from the one held on entering it. A 戸籍 written without them
    (before revision 0006) prints what the 住民票 knows: the 前住所 and the 住所."""
    lines = family_registers.fuhyo_of(db, r)
    if lines is not None:
        return d.AddressHistory(_name(r), r.birth_date,
                                tuple(d.AddressEntry(x.address, x.set_on) for x in lines))
    entries = []
    if r.previous_address:
        entries.append(d.AddressEntry(r.previous_address, r.previous_address_set_on))
    entries.append(d.AddressEntry(r.address, r.address_set_on))
    return d.AddressHistory(_name(r), r.birth_date, tuple(entries))


# ── 戸籍: 全部事項証明書 / 個人事項証明書 ─────────────────────────────────────
def family_register(db: Session, request: IssuanceRequest, holder: m.Resident,
                    meta: d.DocumentMeta) -> d.FamilyRegister:
    """The holder's 戸籍 (backend.family_registers): everyone who is or was in it for the
    全部事項証明書; for the 個人事項証明書 the people `request.member_ids` names (ids of
    `family_registers.members`), else the holder. NO_FAMILY_REGISTER when the centre has no
    戸籍 for the holder's 本籍 and 筆頭者."""
    row = family_registers.register_of(db, holder)
    if row is None:
        raise ServiceError(Reason.NO_FAMILY_REGISTER, "no 戸籍 of this 本籍 and 筆頭者")
    plain = family_registers.as_rules(row)
    if CertificateCode(request.certificate) is CertificateCode.FAMILY_REGISTER_ALL:
        return register_document(plain, meta)
    return register_document(plain, meta,
                             chosen=family_registers.chosen_positions(row, holder,
                                                                      request.member_ids))
