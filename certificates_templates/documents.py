"""What each printed document says: plain, frozen data (no database, no drawing).

Dates are `datetime.date`; the layouts print them in the Japanese era. Strings are printed as
given (full-width space inside names is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


class DocumentDataError(ValueError):
    """The document data cannot make a correct certificate (a required item is missing)."""


@dataclass(frozen=True)
class Issuer:
    """The municipality that certifies: its name, mayor and 公印."""

    municipality_code: str          # 6-digit 全国地方公共団体コード
    municipality_name: str          # 和泉市
    prefecture: str = ""            # 大阪府
    mayor_title: str = "長"          # 和泉市 + 長 = 和泉市長; 荒川区長
    mayor_name: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.prefecture}{self.municipality_name}"

    @property
    def seal_text(self) -> str:
        """The official seal's legend, e.g. 和泉市長之印."""
        return f"{self.municipality_name}{self.mayor_title}之印"


@dataclass(frozen=True)
class DocumentMeta:
    issuer: Issuer
    issued_on: date
    document_id: str                # ASCII [A-Za-z0-9-]: printed and carried in the QR code


# ── 住民票の写し ─────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class ResidentPrintOptions:
    """⑧ 記載事項: each printed only when chosen."""

    head_and_relation: bool = False   # 世帯主の氏名・続柄
    honseki: bool = False             # 本籍・筆頭者 (Japanese members)
    my_number: bool = False           # 個人番号
    residence_card: bool = False      # 在留カード等の番号 (foreign members)


@dataclass(frozen=True)
class ForeignResidence:
    """住民基本台帳法 §30の45: what a foreign resident's entry carries instead of 本籍.

    Empty `status` / `period` (a 特別永住者 has neither) leave those items out."""

    nationality: str                  # 国籍・地域
    residence_card_no: str            # 在留カード等の番号 (printed only when chosen)
    status: str                       # 在留資格
    period: str                       # 在留期間等 (e.g. 3年)
    period_expires_on: date | None = None  # 在留期間の満了の日
    category: str = ""                # 第30条の45に規定する区分: 中長期在留者, 特別永住者…
    since: date | None = None         # 外国人住民となった年月日


@dataclass(frozen=True)
class ResidentEntry:
    """One person on the copy.

    `move_reason` is the 異動事由 of the latest change (転入, 転居, 出生…), `notified_on` its
    届出日; `previous_address` (前住所) only where the change had one (転入, 転居)."""

    name: str                         # 氏名 (氏 and 名, one full-width space between)
    name_kana: str = ""
    former_surname: str | None = None # 旧氏
    birth_date: date | None = None
    sex: str = ""                     # 男 / 女
    relation: str = ""                # 続柄 (世帯主, 妻, 子…)
    became_resident_on: date | None = None   # 住民となった年月日
    address_fixed_on: date | None = None     # 住所を定めた年月日
    previous_address: str | None = None      # 前住所
    notified_on: date | None = None          # 届出日 of the latest change
    move_reason: str | None = None           # 異動事由: 転入 / 転居 / 出生 / 職権記載…
    my_number: str | None = None             # 個人番号 (printed only when chosen)
    honseki: str | None = None               # 本籍
    hittosha: str | None = None              # 筆頭者
    common_name: str | None = None           # 通称 (a foreign resident's, where registered)
    foreign: ForeignResidence | None = None


@dataclass(frozen=True)
class ResidentRecord:
    """住民票の写し: the household (whole, some members, or self)."""

    meta: DocumentMeta
    address: str
    household_head: str
    persons: tuple[ResidentEntry, ...]
    options: ResidentPrintOptions = ResidentPrintOptions()
    scope_label: str = "世帯全員"      # 世帯全員 / 世帯の一部 / 本人

    title = "住民票の写し"


# ── 印鑑登録証明書 ─────────────────────────────────────────────────────────
@dataclass(frozen=True)
class SealImpression:
    """The registered seal as drawn: its characters and shape."""

    text: str                         # 泉 / 泉野 / 泉野正道
    shape: str = "round"              # round / square
    size_mm: float = 15.0


@dataclass(frozen=True)
class SealCertificate:
    meta: DocumentMeta
    registration_no: str
    name: str
    birth_date: date
    sex: str
    address: str
    impression: SealImpression

    title = "印鑑登録証明書"


# ── 課税（所得）証明書 ─────────────────────────────────────────────────────
@dataclass(frozen=True)
class TaxLine:
    label: str
    yen: int


@dataclass(frozen=True)
class LocalTax:
    """One of the two local inhabitant's taxes: the municipality's (市民税, 特別区民税, 町村民税)
    or the prefecture's (道民税, 都民税, 府民税, 県民税)."""

    name: str
    income_levy: int                  # 所得割額
    per_capita: int                   # 均等割額

    @property
    def total(self) -> int:
        return self.income_levy + self.per_capita


@dataclass(frozen=True)
class Dependants:
    """扶養の状況: the spouse and the relatives the assessment counted."""

    spouse: bool = False              # 控除対象配偶者
    relatives: int = 0                # 扶養親族 (16歳以上: 扶養控除の対象)
    young: int = 0                    # 16歳未満扶養親族 (no deduction; counted for 非課税)


@dataclass(frozen=True)
class TaxCertificate:
    """The latest year's assessment: 年度 (fiscal) on the income of the preceding calendar year.

    Every kind of 収入, 所得 and 控除 is a line (0 where none), as on the form."""

    meta: DocumentMeta
    fiscal_year: int                  # 2025 → 令和7年度
    name: str
    address: str                      # as of 1 January of the fiscal year
    birth_date: date
    revenue: tuple[TaxLine, ...]      # 収入金額: 給与収入, 公的年金等収入
    income: tuple[TaxLine, ...]       # 所得金額 by kind: 給与所得, 雑所得（公的年金等）, 営業等所得
    total_income: int                 # 総所得金額
    deductions: tuple[TaxLine, ...]   # 所得控除 by kind
    taxable_income: int               # 課税標準額 (総所得 − 控除, 1,000円未満切捨て)
    dependants: Dependants
    municipal: LocalTax               # 市民税
    prefectural: LocalTax             # 道府県民税

    @property
    def title(self) -> str:
        """市民税・府民税　課税（所得）証明書: the two taxes by their local names."""
        return f"{self.municipal.name}・{self.prefectural.name}　課税（所得）証明書"


# ── 戸籍 ───────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class AddressEntry:
    address: str
    fixed_on: date | None = None      # 住所を定めた年月日 (unknown for old entries)


@dataclass(frozen=True)
class AddressHistory:
    name: str
    birth_date: date
    entries: tuple[AddressEntry, ...]


@dataclass(frozen=True)
class FamilyRegisterAddresses:
    """戸籍の附票の写し: each person's address history."""

    meta: DocumentMeta
    honseki: str
    hittosha: str
    persons: tuple[AddressHistory, ...]

    title = "戸籍の附票の写し"


@dataclass(frozen=True)
class RegisterItem:
    """One 【label】value of the computerised form; a date prints in the era."""

    label: str                        # 出生日, 届出人, 従前戸籍…
    value: str | date


@dataclass(frozen=True)
class RegisterEvent:
    """One 戸籍事項 or 身分事項: its name (戸籍編製, 出生, 婚姻, 分籍) and its items, in order."""

    label: str
    items: tuple[RegisterItem, ...]


@dataclass(frozen=True)
class RegisterPerson:
    """One 戸籍に記録されている者 (戸籍法施行規則 付録第二十二号様式)."""

    name: str                         # 【名】 (the 氏 is the 戸籍's)
    birth_date: date                  # 【生年月日】
    father: str = ""                  # 【父】
    mother: str = ""                  # 【母】
    relation: str = ""                # 【続柄】 長男, 二女…
    spouse_role: str = ""             # 【配偶者区分】 夫 / 妻, while married in this 戸籍
    events: tuple[RegisterEvent, ...] = ()   # 身分事項: 出生, 婚姻, 分籍
    removed: bool = False             # 除籍: left the 戸籍 (its entry stays)


@dataclass(frozen=True)
class FamilyRegister:
    """戸籍全部事項証明書 (謄本, whole) or 個人事項証明書 (抄本, the chosen persons).

    `register_events`: 戸籍事項 (戸籍編製 【編製日】)."""

    meta: DocumentMeta
    honseki: str
    hittosha: str                     # 氏名 in the header: the 筆頭者
    register_events: tuple[RegisterEvent, ...]
    persons: tuple[RegisterPerson, ...]
    whole: bool = True

    @property
    def title(self) -> str:
        return "戸籍全部事項証明書" if self.whole else "戸籍個人事項証明書"


# ── 返金できませんでした ─────────────────────────────────────────────────────
@dataclass(frozen=True)
class RefundSlip:
    """The slip a kiosk prints when its coin vendor could not pay a refund out: how much is
    owed, for which transaction, and whom to ask. No personal data."""

    store: str
    kiosk_id: str
    chain: str
    issued_at: datetime
    yen: int
    reference: str          # the transaction number, or the session's first characters

    title = "返金できませんでした"


@dataclass(frozen=True)
class RegistrationSlip:
    """申請受付: the slip a kiosk prints for a 戸籍証明書交付の利用登録申請 — its 受付番号, the
    day, the 本籍地 applied to and what happens next. No name, no number of the person."""

    store: str
    kiosk_id: str
    chain: str
    issued_at: datetime
    receipt_no: str                  # 受付番号
    applied_on: date
    prefecture: str
    municipality_name: str
    decision_by: date | None         # automatic decision on this 開庁日; None: by staff
    working_days: int | None         # the 開庁日 that takes

    title = "利用登録申請　受付票"


# ── 領収書 ─────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Receipt:
    """⑭ 領収書: what was sold where and when; no personal data, no internal ids.

    `municipality_name` is who the fee is paid to (the certificate's issuer); `document_ids`
    are the 発行番号 of the certificates that came out (every copy of one issuance shares
    one). `certificate` is what was sold as printed (住民票の写し); `backend.rendering` also
    takes the service's `CertificateCode` here and prints its name."""

    store: str
    issued_at: datetime
    municipality_name: str
    certificate: str
    copies_requested: int
    copies_printed: int
    unit_fee: int
    total_fee: int
    paid: int
    change: int
    refunded: int
    transaction_no: str
    document_ids: tuple[str, ...] = ()

    title = "領収書"


Certificate = ResidentRecord | SealCertificate | TaxCertificate | FamilyRegisterAddresses | FamilyRegister
