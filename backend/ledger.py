"""The centre's ledger: sessions, their stored steps, issuances and copies, payments, refunds.

Money in (payments) always leaves as fees of printed copies, change (fixed at settle) or
refunds. A refund is *owed* until the kiosk reports that its coin vendor paid it out
(`paid_at`); an owed refund is paid at the kiosk's next start or shown in the daily report.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.model_base import Base, Stamp

class KioskSession(Base):
    """One person at one kiosk, from the top menu to the receipt.

    The challenge is single use; the holder is fixed at authentication; `request` holds the
    quoted request until close, when it and the challenge are cleared.
    """

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.kiosk_id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(Stamp, index=True)
    expires_at: Mapped[datetime] = mapped_column(Stamp)
    challenge: Mapped[bytes | None] = mapped_column(LargeBinary)
    challenge_expires_at: Mapped[datetime] = mapped_column(Stamp)
    challenge_used: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="open")
    # ① the service (api_services.Service): 証明書交付, 利用登録申請 or 暗証番号初期化
    service: Mapped[str] = mapped_column(String(24), default="issuance",
                                         server_default="issuance")
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    holder_resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    request: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    due_yen: Mapped[int] = mapped_column(Integer, default=0)
    change_yen: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[datetime | None] = mapped_column(Stamp)


class SessionStep(Base):
    """The stored result of one step (e.g. "settle", "coin:3"): a retry returns it unchanged."""

    __tablename__ = "session_steps"

    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(Stamp)


class Issuance(Base):
    """交付: one request, one certificate type, n copies."""

    __tablename__ = "issuances"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    transaction_no: Mapped[str] = mapped_column(String(20), unique=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), unique=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.kiosk_id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    certificate_code: Mapped[str] = mapped_column(ForeignKey("certificate_types.code"))
    scope: Mapped[str] = mapped_column(String(10))
    copies_requested: Mapped[int] = mapped_column(Integer)
    unit_fee_yen: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(Stamp, index=True)

    copies: Mapped[list[IssuedCopyRecord]] = relationship(
        back_populates="issuance", order_by="IssuedCopyRecord.copy_no")


class IssuedCopyRecord(Base):
    """One copy: pending until the kiosk reports it printed or failed.

    `pdf` is held only until the session closes (a retried `issue` returns the same bytes).
    """

    __tablename__ = "issued_copies"
    __table_args__ = (UniqueConstraint("issuance_id", "copy_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuance_id: Mapped[str] = mapped_column(ForeignKey("issuances.id"))
    copy_no: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="pending")  # printed / failed
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)

    issuance: Mapped[Issuance] = relationship(back_populates="copies")


class Payment(Base):
    """One coin (or note) into the coin vendor; (session, seq) makes a retry harmless."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    yen: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(Stamp)


class RefundRecord(Base):
    """Money paid back: kind = cancel (all inserted) or unprinted (copies that failed).

    Owed (払戻し未済) while `paid_at` is empty: recorded by the centre, not yet reported paid
    out by the kiosk's coin vendor.
    """

    __tablename__ = "refunds"
    __table_args__ = (UniqueConstraint("session_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    yen: Mapped[int] = mapped_column(Integer)
    refunded_at: Mapped[datetime] = mapped_column(Stamp)
    paid_at: Mapped[datetime | None] = mapped_column(Stamp)


class TransactionNumber(Base):
    """The counter behind each issuance's 取引番号: a new row per issuance, so no two collide."""

    __tablename__ = "transaction_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    issued_on: Mapped[date] = mapped_column(Date)
