"""The centre's records (SQLAlchemy 2 typed models): the register, the card registry, the
service calendar, kiosks, and the ledger (sessions, issuances, payments, refunds).

Schema changes go through Alembic (backend/migrations); `Base.metadata` is what the
migrations are checked against.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, ForeignKey, Index, Integer, String, Time,
                        UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.model_base import NAMING, Base, Stamp, UtcStamp

# --- municipalities and what they offer -----------------------------------------------------

class Municipality(Base):
    """市区町村: code is the 6-digit 全国地方公共団体コード (with its check digit)."""

    __tablename__ = "municipalities"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    prefecture: Mapped[str] = mapped_column(String(10))
    mayor: Mapped[str] = mapped_column(String(40))
    fees_are_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # 利用登録申請: 開庁日 from the application to the automatic decision; NULL: staff decide.
    registration_days: Mapped[int | None] = mapped_column(Integer)

    fees: Mapped[list[FeeSchedule]] = relationship(back_populates="municipality")


class CertificateType(Base):
    __tablename__ = "certificate_types"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)   # api.CertificateCode
    name: Mapped[str] = mapped_column(String(40))


class FeeSchedule(Base):
    """What a municipality issues at kiosks and for how much (yen per copy).

    `honseki_scope`: also issued to people whose 本籍 only is here (after 利用登録).
    """

    __tablename__ = "fee_schedule"
    __table_args__ = (UniqueConstraint("municipality_code", "certificate_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    certificate_code: Mapped[str] = mapped_column(ForeignKey("certificate_types.code"))
    fee_yen: Mapped[int] = mapped_column(Integer)
    honseki_scope: Mapped[bool] = mapped_column(Boolean, default=False)

    municipality: Mapped[Municipality] = relationship(back_populates="fees")


class ServiceWindow(Base):
    """The daily window and the year-end closure (one nationwide row; leaflets 002, 003)."""

    __tablename__ = "service_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)
    year_end_from: Mapped[str] = mapped_column(String(5))   # "12-29"
    year_end_to: Mapped[str] = mapped_column(String(5))     # "01-03"


class CertificateWindow(Base):
    """A municipality's narrower window for one certificate (e.g. 戸籍 on working days)."""

    __tablename__ = "certificate_windows"
    __table_args__ = (UniqueConstraint("municipality_code", "certificate_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    certificate_code: Mapped[str] = mapped_column(ForeignKey("certificate_types.code"))
    working_days_only: Mapped[bool] = mapped_column(Boolean, default=False)
    opens: Mapped[time | None] = mapped_column(Time)
    closes: Mapped[time | None] = mapped_column(Time)


class MaintenanceDay(Base):
    """システムメンテナンス日: nationwide when `municipality_code` is NULL."""

    __tablename__ = "maintenance_days"
    __table_args__ = (UniqueConstraint("day", "municipality_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipalities.code"))
    note: Mapped[str] = mapped_column(String(200), default="")


class Kiosk(Base):
    """A multi-copy machine: in a store (with the store's hours) or a city-hall lobby."""

    __tablename__ = "kiosks"

    kiosk_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    store_name: Mapped[str] = mapped_column(String(80))
    chain: Mapped[str] = mapped_column(String(40))
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipalities.code"))
    opens: Mapped[time | None] = mapped_column(Time)      # store hours; NULL: all day
    closes: Mapped[time | None] = mapped_column(Time)
    zone: Mapped[str] = mapped_column(String(40), default="Asia/Tokyo")


# --- the register ----------------------------------------------------------------------------

class Household(Base):
    """世帯."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    address: Mapped[str] = mapped_column(String(200))

    members: Mapped[list[Resident]] = relationship(
        back_populates="household", order_by="Resident.member_order")


class Resident(Base):
    """A person in the 住民基本台帳 of one municipality.

    status: active, moved_out (転出), deceased (死亡), restricted (支援措置: no kiosk issuance).
    """

    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_code: Mapped[str] = mapped_column(String(11), unique=True)   # 住民票コード
    my_number: Mapped[str] = mapped_column(String(12), unique=True)       # 個人番号
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    member_order: Mapped[int] = mapped_column(Integer, default=0)
    relation: Mapped[str] = mapped_column(String(20))                      # 続柄
    family_name: Mapped[str] = mapped_column(String(60))
    given_name: Mapped[str] = mapped_column(String(60))
    family_kana: Mapped[str] = mapped_column(String(60))
    given_kana: Mapped[str] = mapped_column(String(60))
    former_surname: Mapped[str | None] = mapped_column(String(60))         # 旧氏
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))                            # "1" / "2" / "9"
    address: Mapped[str] = mapped_column(String(200))
    became_resident_on: Mapped[date] = mapped_column(Date)                 # 住民となった日
    address_set_on: Mapped[date] = mapped_column(Date)                     # 住所を定めた日
    previous_address: Mapped[str | None] = mapped_column(String(200))     # 前住所
    honseki_municipality_code: Mapped[str | None] = mapped_column(String(6))  # may be outside
    honseki_address: Mapped[str | None] = mapped_column(String(200))      # 本籍
    hittosha: Mapped[str | None] = mapped_column(String(60))              # 筆頭者
    hittosha_kana: Mapped[str | None] = mapped_column(String(60))         # 筆頭者 (katakana)
    nationality: Mapped[str | None] = mapped_column(String(40))           # 国籍・地域
    residence_card_no: Mapped[str | None] = mapped_column(String(12))     # 在留カード番号
    residence_status: Mapped[str | None] = mapped_column(String(60))      # 在留資格
    stay_period: Mapped[str | None] = mapped_column(String(20))           # 在留期間
    stay_expires_on: Mapped[date | None] = mapped_column(Date)            # 在留期間の満了日
    status: Mapped[str] = mapped_column(String(12), default="active")
    status_changed_on: Mapped[date | None] = mapped_column(Date)
    # ── 住民票 items of §7 and §30の45 (revision 0005) ──
    move_reason: Mapped[str | None] = mapped_column(String(10))           # 異動事由: 転入 / 転居 / 出生…
    notified_on: Mapped[date | None] = mapped_column(Date)                # 届出日 of that change
    previous_address_set_on: Mapped[date | None] = mapped_column(Date)    # 前住所を定めた日 (附票)
    foreign_resident_since: Mapped[date | None] = mapped_column(Date)     # 外国人住民となった日
    section_30_45: Mapped[str | None] = mapped_column(String(20))         # §30の45の区分: 中長期在留者…
    common_name: Mapped[str | None] = mapped_column(String(60))           # 通称
    # ── end of revision 0005's columns ──

    household: Mapped[Household] = relationship(back_populates="members")
    seal: Mapped[SealRegistration | None] = relationship(back_populates="resident")
    tax_records: Mapped[list[TaxRecord]] = relationship(back_populates="resident")
    honseki_registrations: Mapped[list[HonsekiRegistration]] = relationship(
        back_populates="resident")

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_kana(self) -> str:
        return f"{self.family_kana} {self.given_kana}"


class SealRegistration(Base):
    """印鑑登録: the registered impression, as data the certificate renders."""

    __tablename__ = "seal_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), unique=True)
    registration_no: Mapped[str] = mapped_column(String(20), unique=True)   # 登録番号
    registered_on: Mapped[date] = mapped_column(Date)
    impression: Mapped[dict[str, Any]] = mapped_column(JSON)   # {"text": "和泉", "shape": "round", "mm": 15}

    resident: Mapped[Resident] = relationship(back_populates="seal")


def _figure() -> Mapped[int]:
    """A figure (yen, or a count) of the 課税台帳 added in revision 0005: 0 in older rows."""
    return mapped_column(Integer, default=0, server_default="0")


class TaxRecord(Base):
    """課税台帳: one row per fiscal year (年度); kiosks issue the latest.

    The figures follow `backend.rules.tax` (its `Assessment` has these column names):
    収入 → 所得 by kind → 控除 by kind → 課税標準額 → 所得割 and 均等割 of both taxes."""

    __tablename__ = "tax_records"
    __table_args__ = (UniqueConstraint("resident_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)          # 年度 (Gregorian)
    income_yen: Mapped[int] = mapped_column(Integer)           # 総所得金額
    taxable_income_yen: Mapped[int] = mapped_column(Integer)   # 課税標準額
    municipal_tax_yen: Mapped[int] = mapped_column(Integer)    # 市民税
    prefectural_tax_yen: Mapped[int] = mapped_column(Integer)  # 道府県民税
    salary_revenue_yen: Mapped[int] = _figure()                   # 給与収入
    pension_revenue_yen: Mapped[int] = _figure()                  # 公的年金等収入
    salary_income_yen: Mapped[int] = _figure()                    # 給与所得
    pension_income_yen: Mapped[int] = _figure()                   # 雑所得（公的年金等）
    business_income_yen: Mapped[int] = _figure()                  # 営業等所得
    social_insurance_deduction_yen: Mapped[int] = _figure()       # 社会保険料控除
    life_insurance_deduction_yen: Mapped[int] = _figure()         # 生命保険料控除
    spouse_deduction_yen: Mapped[int] = _figure()                 # 配偶者控除
    dependant_deduction_yen: Mapped[int] = _figure()              # 扶養控除
    basic_deduction_yen: Mapped[int] = _figure()                  # 基礎控除
    dependants: Mapped[int] = _figure()                           # 扶養親族の数 (16歳以上)
    young_dependants: Mapped[int] = _figure()                     # 16歳未満扶養親族の数
    municipal_income_levy_yen: Mapped[int] = _figure()            # 市民税 所得割
    municipal_per_capita_yen: Mapped[int] = _figure()             # 市民税 均等割
    prefectural_income_levy_yen: Mapped[int] = _figure()          # 道府県民税 所得割
    prefectural_per_capita_yen: Mapped[int] = _figure()           # 道府県民税 均等割

    resident: Mapped[Resident] = relationship(back_populates="tax_records")


class HonsekiRegistration(Base):
    """本籍地 利用登録: lets a person living elsewhere get this 本籍地's 戸籍 at kiosks.

    An application (利用登録申請) made at a kiosk is `pending` until the 本籍地 decides it:
    `approved` (from `registered_on`) or `rejected` (with `reason`). Rows made at the counter
    carry no application (no receipt, no kana). A rejected application blocks nothing: only
    one live (pending or approved) row per person and 本籍地.
    """

    __tablename__ = "honseki_registrations"
    __table_args__ = (
        Index("uq_honseki_registrations_live", "resident_id", "municipality_code", unique=True,
              sqlite_where=text("status != 'rejected'"),
              postgresql_where=text("status != 'rejected'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    receipt_no: Mapped[str | None] = mapped_column(String(20), unique=True)   # 受付番号
    applied_at: Mapped[datetime | None] = mapped_column(Stamp)
    hittosha_kana: Mapped[str | None] = mapped_column(String(60))   # 筆頭者 as entered
    # The kiosk session that applied (its retries find this row). Not a foreign key: the
    # application outlives the session's ledger rows.
    session_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    due_on: Mapped[date | None] = mapped_column(Date)       # automatic decision (開庁日 later)
    decided_at: Mapped[datetime | None] = mapped_column(Stamp)
    decided_by: Mapped[str | None] = mapped_column(String(10))   # staff / auto
    reason: Mapped[str | None] = mapped_column(String(200))      # why rejected
    registered_on: Mapped[date | None] = mapped_column(Date)     # approved on

    resident: Mapped[Resident] = relationship(back_populates="honseki_registrations")


# --- the card registry -----------------------------------------------------------------------

class Card(Base):
    """A My Number card and its user-auth certificate (利用者証明用電子証明書).

    status: active, suspended (一時停止), abolished (廃止), invalidated (失効). Suspension and
    abolition also leave rows in `card_revocations`, which is what authentication checks.
    """

    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_name: Mapped[str] = mapped_column(String(60), unique=True)
    card_serial: Mapped[str] = mapped_column(String(20), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    # X.509 serials run to 159 bits: kept as decimal text.
    certificate_serial: Mapped[str] = mapped_column(String(50), unique=True)
    certificate_expires_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active")
    face_auth: Mapped[bool] = mapped_column(Boolean, default=False)
    # 署名用電子証明書: active, none (under 15 at issue), revoked (a move or a new name).
    signing_status: Mapped[str] = mapped_column(String(10), default="active",
                                                server_default="active")

    resident: Mapped[Resident] = relationship()
    revocations: Mapped[list[CardRevocation]] = relationship(back_populates="card")


class CardRevocation(Base):
    """One suspension, abolition or invalidation; `lifted_at` set when a suspension ends."""

    __tablename__ = "card_revocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    certificate_serial: Mapped[str] = mapped_column(String(50), index=True)
    reason: Mapped[str] = mapped_column(String(12))   # suspended / abolished / invalidated
    revoked_at: Mapped[datetime] = mapped_column(Stamp)
    lifted_at: Mapped[datetime | None] = mapped_column(Stamp)

    card: Mapped[Card] = relationship(back_populates="revocations")


class ResetReservation(Base):
    """署名用電子証明書の暗証番号初期化の予約 (made on the smartphone app, kept 24 hours).

    `used_at`: a kiosk session took it (`session_id`; not a foreign key, like an
    application's); `outcome`: what the card did then (reset / failed), once reported.
    """

    __tablename__ = "reset_reservations"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    reserved_at: Mapped[datetime] = mapped_column(Stamp)
    used_at: Mapped[datetime | None] = mapped_column(Stamp)
    session_id: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(10))

    card: Mapped[Card] = relationship()


# The ledger lives in backend.ledger; its records are named here too, with the rest.
from backend.ledger import (Issuance, IssuedCopyRecord, KioskSession, Payment,  # noqa: E402
                            RefundRecord, SessionStep, TransactionNumber)

__all__ = ["NAMING", "Base", "Stamp", "UtcStamp", "Issuance", "IssuedCopyRecord", "KioskSession",
           "Payment", "RefundRecord", "SessionStep", "TransactionNumber"]

# 戸籍 live in backend.family_register_models; named here too.
from backend.family_register_models import (FamilyRegister,  # noqa: E402
                                            FamilyRegisterAddress, FamilyRegisterEvent,
                                            FamilyRegisterMember)

__all__ += ["FamilyRegister", "FamilyRegisterAddress", "FamilyRegisterEvent",
            "FamilyRegisterMember"]
