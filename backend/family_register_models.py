"""戸籍 (family registers) in the centre's records: the register, its members, their 身分事項,
and the 戸籍の附票's addresses.

`backend.models` names these with the rest; `backend.family_registers` reads and writes them
as the plain data of `backend.rules.register`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.model_base import Base

if TYPE_CHECKING:
    from backend.models import Resident


class FamilyRegister(Base):
    """戸籍: one per 本籍 and 筆頭者, kept by the 本籍地 (which may issue nothing at kiosks).

    `made_on` / `made_by`: 戸籍事項 戸籍編製 【編製日】 and why (婚姻, 分籍, 転籍, 改製). The
    members are its rows, 筆頭者 first (`position` 1). Residents' honseki_* columns name the
    戸籍 they are in; `backend.rules.register_household` checks they agree.
    """

    __tablename__ = "family_registers"
    __table_args__ = (UniqueConstraint("honseki_address", "hittosha"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    honseki_municipality_code: Mapped[str] = mapped_column(String(6), index=True)
    honseki_address: Mapped[str] = mapped_column(String(200))         # 本籍
    family_name: Mapped[str] = mapped_column(String(60))              # 氏
    family_kana: Mapped[str] = mapped_column(String(60))
    hittosha: Mapped[str] = mapped_column(String(60))                 # 筆頭者 (氏 名)
    hittosha_kana: Mapped[str] = mapped_column(String(60))
    made_on: Mapped[date] = mapped_column(Date)                       # 編製日
    made_by: Mapped[str] = mapped_column(String(10))                  # 編製事由

    members: Mapped[list[FamilyRegisterMember]] = relationship(
        back_populates="register", order_by="FamilyRegisterMember.position")


class FamilyRegisterMember(Base):
    """戸籍に記録されている者: one row per person who is or was in the 戸籍 (氏 is the 戸籍's).

    `left_on` / `left_by`: 除籍 (婚姻, 分籍, 死亡); the row stays. `resident_id`: the person's
    住民票, where one of the centre's municipalities has it.
    """

    __tablename__ = "family_register_members"
    __table_args__ = (UniqueConstraint("register_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("family_registers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(60))               # 【名】
    given_kana: Mapped[str] = mapped_column(String(60))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)                    # 【生年月日】 【出生日】
    father: Mapped[str | None] = mapped_column(String(60))            # 【父】
    mother: Mapped[str | None] = mapped_column(String(60))            # 【母】
    relation: Mapped[str] = mapped_column(String(10))                 # 【続柄】 長男, 二女…
    spouse_role: Mapped[str | None] = mapped_column(String(2))        # 【配偶者区分】 夫 / 妻
    birth_place: Mapped[str] = mapped_column(String(200))             # 【出生地】
    birth_notified_on: Mapped[date] = mapped_column(Date)             # 【届出日】
    birth_notifier: Mapped[str] = mapped_column(String(10))           # 【届出人】
    left_on: Mapped[date | None] = mapped_column(Date)                # 除籍
    left_by: Mapped[str | None] = mapped_column(String(10))

    register: Mapped[FamilyRegister] = relationship(back_populates="members")
    resident: Mapped[Resident | None] = relationship()
    events: Mapped[list[FamilyRegisterEvent]] = relationship(
        back_populates="member", order_by="FamilyRegisterEvent.day")
    addresses: Mapped[list[FamilyRegisterAddress]] = relationship(
        back_populates="member", order_by="FamilyRegisterAddress.position")


class FamilyRegisterEvent(Base):
    """A 身分事項 besides 出生: 婚姻 (【婚姻日】【配偶者氏名】) or 分籍 (【分籍日】), with the
    【従前戸籍】 the person came from or the 【新本籍】 they left for (本籍 and 筆頭者)."""

    __tablename__ = "family_register_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("family_register_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date)
    spouse: Mapped[str | None] = mapped_column(String(60))
    former_honseki: Mapped[str | None] = mapped_column(String(200))
    former_hittosha: Mapped[str | None] = mapped_column(String(60))
    new_honseki: Mapped[str | None] = mapped_column(String(200))
    new_hittosha: Mapped[str | None] = mapped_column(String(60))

    member: Mapped[FamilyRegisterMember] = relationship(back_populates="events")


class FamilyRegisterAddress(Base):
    """戸籍の附票's line for a person of the 戸籍: a 住所 and its 住所を定めた年月日, from the
    one held on entering the 戸籍 (`position` 1) to the present one
    (`backend.rules.register_addresses`)."""

    __tablename__ = "family_register_addresses"
    __table_args__ = (UniqueConstraint("member_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("family_register_members.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    address: Mapped[str] = mapped_column(String(200))                 # 住所
    set_on: Mapped[date] = mapped_column(Date)                        # 住所を定めた年月日

    member: Mapped[FamilyRegisterMember] = relationship(back_populates="addresses")
