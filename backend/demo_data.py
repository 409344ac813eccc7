"""Demo data: the municipalities of the leaflets, their kiosks, and named residents with cards.

These names are the shared vocabulary of tests, scenarios and the demo: kiosk ids, card names
(the card tray file stems) and PINs. Dates that must stay true whenever the demo is seeded
("moved in today", "certificate already expired") are given relative to the seeding day;
birth dates are fixed.

All people, addresses, numbers and mayors here are fictitious. Municipality codes, fees of
Tomakomai (leaflet 002) and Arakawa (leaflet 003) are real; Izumi's leaflet (001) states no
fees, so Izumi's figures below are demo data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from backend.api import CertificateCode as C
from backend.clock import JST
from backend.rules.mynumber import with_check_digit

# A good default instant for tests and scenarios: a Wednesday, 10:00 JST, a working day, inside
# every kiosk's hours and every certificate window. The session-scoped test template is seeded
# at this instant, so "today" in the demo data is DEMO_TODAY there.
DEMO_NOW = datetime(2026, 6, 10, 10, 0, tzinfo=JST)
DEMO_TODAY = DEMO_NOW.date()

IZUMI = "272191"       # 大阪府和泉市
TOMAKOMAI = "012131"   # 北海道苫小牧市
ARAKAWA = "131181"     # 東京都荒川区
KYOTO_NAKAGYO = "261041"  # 京都市中京区: a 本籍 outside the demo (no kiosk service here)

DEFAULT_KIOSK_ID = "seven-izumi-fuchu"
DEFAULT_PIN = "1234"
DEFAULT_SIGNING_PIN = "DEMO2026"


@dataclass(frozen=True)
class DemoOffer:
    """One certificate a municipality issues at kiosks, at this fee (yen per copy)."""

    certificate: C
    fee_yen: int
    honseki_scope: bool = False           # also for people whose 本籍 only is here (利用登録)
    working_days_only: bool = False       # per-certificate window: not on weekends/holidays
    opens: time | None = None             # per-certificate window inside 6:30–23:00
    closes: time | None = None


@dataclass(frozen=True)
class DemoMunicipality:
    code: str
    name: str
    prefecture: str
    mayor: str
    offers: tuple[DemoOffer, ...]
    fees_are_demo: bool = False           # the leaflet gives no figure
    registration_days: int | None = None  # 利用登録申請 decided after these 開庁日; None: staff


@dataclass(frozen=True)
class DemoKiosk:
    kiosk_id: str
    store_name: str
    chain: str
    municipality_code: str | None          # a city-hall kiosk belongs to its municipality
    opens: time | None = None              # the store's own hours; None: open all day
    closes: time | None = None
    zone: str = "Asia/Tokyo"


@dataclass(frozen=True)
class DemoCard:
    card_name: str                         # tray file stem, ascii
    pin: str = DEFAULT_PIN                 # 利用者証明用 4 digits
    signing_pin: str = DEFAULT_SIGNING_PIN
    issued_days_ago: int = 400
    status: str = "active"                 # active / suspended / abolished / invalidated
    face_auth: bool = False
    tries_left: int = 3                    # 0: locked PIN
    certificate_expired: bool = False      # e-certificate already past its expiry
    signing_tries_left: int = 5            # 署名用 password; 0: locked (reset at a kiosk)
    signing_revoked: bool = False          # 署名用電子証明書 revoked (a move, a new name)
    reset_reserved: bool = False           # the app's reset reservation, made at seeding


@dataclass(frozen=True)
class DemoResident:
    key: str                               # stable id inside the demo data
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    birth_date: date
    sex: str                               # "1" male, "2" female
    relation: str                          # 続柄 to the head of household
    former_surname: str | None = None      # 旧氏
    card: DemoCard | None = None
    status: str = "active"                 # active / moved_out / deceased / restricted
    resident_days_ago: int = 3000          # 住民となった日 (relative to seeding day)
    address_days_ago: int | None = None    # 住所を定めた日, if later (a 転居 within the town)
    seal: bool = False                     # 印鑑登録
    tax: bool = True                       # tax record for the latest year
    honseki_code: str | None = None        # 本籍 municipality code
    honseki_address: str | None = None
    hittosha: str | None = None            # 筆頭者
    hittosha_kana: str | None = None       # 筆頭者 in katakana (what an application is checked by)
    honseki_registered: bool = False       # 本籍地 利用登録 done
    nationality: str | None = None         # foreign residents
    residence_card_no: str | None = None   # 在留カード番号
    residence_status: str | None = None    # 在留資格
    stay_period: str | None = None         # 在留期間
    stay_expires_in_days: int | None = None  # 在留期間の満了日 (relative)


@dataclass(frozen=True)
class DemoHousehold:
    key: str
    municipality_code: str
    address: str
    previous_address: str
    members: tuple[DemoResident, ...] = field(default_factory=tuple)


def _offer(*pairs: tuple[C, int], **kw: Any) -> tuple[DemoOffer, ...]:
    return tuple(DemoOffer(cert, fee, **kw) for cert, fee in pairs)


MUNICIPALITIES: tuple[DemoMunicipality, ...] = (
    DemoMunicipality(
        IZUMI, "和泉市", "大阪府", "泉野 正道",
        # Leaflet 001: 住民票, 印鑑, 戸籍謄抄本, 附票; 戸籍/附票 only when residence and 本籍 are
        # both Izumi (no 本籍地 scope). Fees: demo data.
        _offer((C.RESIDENT_RECORD, 200), (C.SEAL_REGISTRATION, 200),
               (C.FAMILY_REGISTER_ALL, 450), (C.FAMILY_REGISTER_ONE, 450),
               (C.FAMILY_REGISTER_ADDRESSES, 200)),
        fees_are_demo=True,
    ),
    DemoMunicipality(
        TOMAKOMAI, "苫小牧市", "北海道", "北原 一樹",
        # Leaflet 002: ①–④ 250 yen, ⑤ 戸籍 450 yen; 本籍地 証明 for people living elsewhere
        # after 利用登録. Design: 戸籍 only on working days 9:00–17:00 (a per-certificate window);
        # an application is decided two 開庁日 after it is made.
        _offer((C.RESIDENT_RECORD, 250), (C.SEAL_REGISTRATION, 250), (C.TAX, 250))
        + _offer((C.FAMILY_REGISTER_ADDRESSES, 250), honseki_scope=True)
        + _offer((C.FAMILY_REGISTER_ALL, 450), (C.FAMILY_REGISTER_ONE, 450), honseki_scope=True,
                 working_days_only=True, opens=time(9, 0), closes=time(17, 0)),
        registration_days=2,
    ),
    DemoMunicipality(
        ARAKAWA, "荒川区", "東京都", "町屋 恵子",
        # Leaflet 003: 住民票の写し and 印鑑登録証明書, 200 yen since April 2021.
        _offer((C.RESIDENT_RECORD, 200), (C.SEAL_REGISTRATION, 200)),
    ),
    # A 本籍地 without kiosk issuance (someone's 本籍 is here; no one lives here in the demo).
    DemoMunicipality(KYOTO_NAKAGYO, "京都市中京区", "京都府", "御池 正", ()),
)

KIOSKS: tuple[DemoKiosk, ...] = (
    DemoKiosk("seven-izumi-fuchu", "セブン-イレブン 和泉府中駅前店", "セブン-イレブン", None),
    DemoKiosk("izumi-cityhall", "和泉市役所 1階ロビー", "和泉市", IZUMI, time(8, 45), time(17, 15)),
    DemoKiosk("lawson-tomakomai-ekimae", "ローソン 苫小牧駅前店", "ローソン", None),
    DemoKiosk("seicomart-tomakomai-asahi", "セイコーマート 苫小牧旭町店", "セイコーマート", None,
              time(7, 0), time(22, 0)),
    DemoKiosk("tomakomai-cityhall", "苫小牧市役所 1階ロビー", "苫小牧市", TOMAKOMAI,
              time(8, 45), time(17, 30)),
    DemoKiosk("familymart-arakawa-machiya", "ファミリーマート 町屋駅前店", "ファミリーマート", None),
    DemoKiosk("ministop-arakawa-nippori", "ミニストップ 西日暮里店", "ミニストップ", None),
)

_IZUMI_HONSEKI = "大阪府和泉市府中町一丁目2番"
_TOMAKOMAI_HONSEKI = "北海道苫小牧市旭町四丁目5番"
_ARAKAWA_HONSEKI = "東京都荒川区荒川二丁目2番"
_ELSEWHERE_HONSEKI = "京都府京都市中京区寺町通御池上る上本能寺前町488番地"

R = DemoResident
D = DemoCard

HOUSEHOLDS: tuple[DemoHousehold, ...] = (
    # A normal household of 4: head, spouse (旧氏, no seal), a child of 16, a child under 15.
    DemoHousehold("izumi-family", IZUMI, "大阪府和泉市府中町一丁目2番3号",
                  "大阪府堺市堺区南瓦町3番1号", (
        R("izumi-taro", "和泉", "太郎", "イズミ", "タロウ", date(1980, 4, 12), "1", "世帯主",
          card=D("izumi-taro"), seal=True, honseki_code=IZUMI,
          honseki_address=_IZUMI_HONSEKI, hittosha="和泉 太郎",
          hittosha_kana="イズミ タロウ"),
        R("izumi-hanako", "和泉", "花子", "イズミ", "ハナコ", date(1982, 9, 3), "2", "妻",
          former_surname="山田", card=D("izumi-hanako", pin="2345"), seal=False,
          honseki_code=IZUMI, honseki_address=_IZUMI_HONSEKI, hittosha="和泉 太郎",
          hittosha_kana="イズミ タロウ"),
        R("izumi-ichiro", "和泉", "一郎", "イズミ", "イチロウ", date(2010, 5, 20), "1", "子",
          card=D("izumi-ichiro", pin="3456"), tax=False, honseki_code=IZUMI,
          honseki_address=_IZUMI_HONSEKI, hittosha="和泉 太郎",
          hittosha_kana="イズミ タロウ"),
        R("izumi-sakura", "和泉", "さくら", "イズミ", "サクラ", date(2016, 7, 7), "2", "子",
          card=D("izumi-sakura", pin="4567"), tax=False, honseki_code=IZUMI,
          honseki_address=_IZUMI_HONSEKI, hittosha="和泉 太郎",
          hittosha_kana="イズミ タロウ"),
    )),
    # A foreign resident: the card ends with the period of stay.
    DemoHousehold("izumi-nguyen", IZUMI, "大阪府和泉市いぶき野五丁目1番1号",
                  "大阪府大阪市北区梅田一丁目1番1号", (
        R("izumi-nguyen", "NGUYEN", "VAN AN", "グエン", "ヴァン アン", date(1995, 3, 14), "1",
          "世帯主", card=D("izumi-nguyen", pin="5678", issued_days_ago=200), seal=True,
          nationality="ベトナム", residence_card_no="AB12345678CD",
          residence_status="技術・人文知識・国際業務", stay_period="3年",
          stay_expires_in_days=420),
    )),
    DemoHousehold("izumi-face", IZUMI, "大阪府和泉市伯太町六丁目1番20号",
                  "大阪府岸和田市岸城町7番1号", (
        R("izumi-face", "伯太", "和子", "ハカタ", "カズコ", date(1948, 1, 30), "2", "世帯主",
          card=D("izumi-face", face_auth=True, tries_left=0), seal=True),
    )),
    DemoHousehold("izumi-newcomer", IZUMI, "大阪府和泉市和気町二丁目3番4号",
                  "兵庫県神戸市中央区加納町6丁目5番1号", (
        R("izumi-newcomer", "和気", "新", "ワケ", "アラタ", date(1990, 11, 1), "1", "世帯主",
          card=D("izumi-newcomer", issued_days_ago=900), resident_days_ago=0, tax=False),
    )),
    DemoHousehold("izumi-restricted", IZUMI, "大阪府和泉市池上町三丁目8番9号",
                  "大阪府泉大津市東雲町9番12号", (
        R("izumi-restricted", "池上", "静香", "イケガミ", "シズカ", date(1987, 2, 2), "2", "世帯主",
          card=D("izumi-restricted"), status="restricted", seal=True),
    )),
    # Tomakomai: a single person with everything, and the card cases.
    DemoHousehold("tomakomai-yoko", TOMAKOMAI, "北海道苫小牧市旭町四丁目5番6号",
                  "北海道札幌市中央区北1条西2丁目1番地", (
        R("tomakomai-yoko", "北野", "陽子", "キタノ", "ヨウコ", date(1975, 8, 8), "2", "世帯主",
          card=D("tomakomai-yoko", pin="8642"), seal=True, honseki_code=TOMAKOMAI,
          honseki_address=_TOMAKOMAI_HONSEKI, hittosha="北野 陽子",
          hittosha_kana="キタノ ヨウコ"),
    )),
    DemoHousehold("tomakomai-notax", TOMAKOMAI, "北海道苫小牧市錦町一丁目6番7号",
                  "北海道千歳市東雲町2丁目34番地", (
        R("tomakomai-notax", "東", "翔太", "アズマ", "ショウタ", date(1998, 12, 24), "1", "世帯主",
          card=D("tomakomai-notax"), resident_days_ago=120, tax=False, seal=True),
    )),
    DemoHousehold("tomakomai-movedout", TOMAKOMAI, "北海道苫小牧市若草町三丁目2番1号",
                  "北海道室蘭市幸町1番2号", (
        R("tomakomai-movedout", "若草", "俊", "ワカクサ", "シュン", date(1984, 6, 1), "1",
          "世帯主", card=D("tomakomai-movedout"), status="moved_out", seal=True),
    )),
    # The registry has not caught up with the death yet: the card is still active, so the
    # eligibility rule is what refuses.
    DemoHousehold("tomakomai-deceased", TOMAKOMAI, "北海道苫小牧市清水町一丁目1番1号",
                  "北海道白老町大町1丁目1番地", (
        R("tomakomai-deceased", "清水", "茂", "シミズ", "シゲル", date(1940, 10, 10), "1",
          "世帯主", card=D("tomakomai-deceased"), status="deceased", seal=True),
    )),
    DemoHousehold("tomakomai-cards", TOMAKOMAI, "北海道苫小牧市本町一丁目2番3号",
                  "北海道函館市東雲町4番13号", (
        R("tomakomai-suspended", "本町", "進", "ホンマチ", "ススム", date(1970, 1, 15), "1",
          "世帯主", card=D("tomakomai-suspended", status="suspended"), seal=True),
        R("tomakomai-abolished", "本町", "文子", "ホンマチ", "フミコ", date(1972, 3, 3), "2", "妻",
          card=D("tomakomai-abolished", status="abolished"), seal=True),
        R("tomakomai-expired", "本町", "恵", "ホンマチ", "メグミ", date(1999, 4, 4), "2", "子",
          card=D("tomakomai-expired", issued_days_ago=2500, certificate_expired=True)),
        R("tomakomai-locked", "本町", "力", "ホンマチ", "チカラ", date(2001, 5, 5), "1", "子",
          card=D("tomakomai-locked", tries_left=0)),
        R("tomakomai-invalidated", "本町", "実", "ホンマチ", "ミノル", date(2003, 6, 6), "1", "子",
          card=D("tomakomai-invalidated", status="invalidated")),
    )),
    # A household of 12 (multi-page 住民票), three generations in two 戸籍 (backend.demo_registers):
    # 大吉's (he, トメ and the unmarried sons) and his married son 一夫's (美和 and their children).
    DemoHousehold("tomakomai-omori", TOMAKOMAI, "北海道苫小牧市大成町二丁目10番1号",
                  "北海道苫小牧市緑町一丁目1番1号", tuple(
        R(f"tomakomai-omori-{i:02d}", "大森", given, "オオモリ", kana, born, sex, rel,
          card=D("tomakomai-omori", pin="1212") if i == 1 else None,
          seal=(i == 1), tax=(i <= 4), honseki_code=TOMAKOMAI,
          honseki_address="北海道苫小牧市大成町二丁目10番",
          hittosha="大森 大吉" if i in (1, 2, 5, 6) else "大森 一夫",
          hittosha_kana="オオモリ ダイキチ" if i in (1, 2, 5, 6) else "オオモリ カズオ")
        for i, (given, kana, born, sex, rel) in enumerate((
            ("大吉", "ダイキチ", date(1950, 2, 11), "1", "世帯主"),
            ("トメ", "トメ", date(1952, 3, 21), "2", "妻"),
            ("一夫", "カズオ", date(1975, 4, 1), "1", "子"),
            ("美和", "ミワ", date(1977, 5, 2), "2", "子の妻"),
            ("二郎", "ジロウ", date(1978, 6, 3), "1", "子"),
            ("三郎", "サブロウ", date(1981, 7, 4), "1", "子"),
            ("春", "ハル", date(2003, 8, 5), "2", "孫"),
            ("夏樹", "ナツキ", date(2005, 9, 6), "1", "孫"),
            ("秋", "アキ", date(2008, 10, 7), "2", "孫"),
            ("冬馬", "トウマ", date(2012, 11, 8), "1", "孫"),
            ("桃", "モモ", date(2015, 12, 9), "2", "孫"),
            ("光", "ヒカル", date(2020, 1, 10), "1", "孫"),
        ), start=1)
    )),
    # Arakawa: 本籍 elsewhere, with and without 利用登録.
    DemoHousehold("arakawa-haruto", ARAKAWA, "東京都荒川区荒川二丁目2番3号",
                  "北海道苫小牧市旭町四丁目5番6号", (
        R("arakawa-haruto", "荒川", "陽翔", "アラカワ", "ハルト", date(1992, 9, 9), "1", "世帯主",
          card=D("arakawa-haruto", pin="2468"), seal=True, honseki_code=TOMAKOMAI,
          honseki_address=_TOMAKOMAI_HONSEKI, hittosha="荒川 陽翔",
          hittosha_kana="アラカワ ハルト", honseki_registered=True),
    )),
    DemoHousehold("arakawa-mei", ARAKAWA, "東京都荒川区町屋一丁目3番5号",
                  "北海道苫小牧市錦町一丁目6番7号", (
        R("arakawa-mei", "町屋", "芽衣", "マチヤ", "メイ", date(1996, 2, 29), "2", "世帯主",
          card=D("arakawa-mei", pin="1357"), seal=False, honseki_code=TOMAKOMAI,
          honseki_address=_TOMAKOMAI_HONSEKI, hittosha="町屋 芽衣",
          hittosha_kana="マチヤ メイ"),
    )),
    DemoHousehold("arakawa-kenta", ARAKAWA, "東京都荒川区西日暮里五丁目1番2号",
                  "大阪府和泉市府中町一丁目2番3号", (
        R("arakawa-kenta", "日暮", "健太", "ヒグラシ", "ケンタ", date(1985, 7, 7), "1", "世帯主",
          card=D("arakawa-kenta"), seal=True, honseki_code=IZUMI,
          honseki_address=_IZUMI_HONSEKI, hittosha="日暮 健太",
          hittosha_kana="ヒグラシ ケンタ", honseki_registered=True),
    )),
    DemoHousehold("arakawa-kyoto", ARAKAWA, "東京都荒川区南千住六丁目7番8号",
                  "京都府京都市中京区寺町通御池上る上本能寺前町488番地", (
        R("arakawa-kyoto", "千住", "京子", "センジュ", "キョウコ", date(1968, 12, 1), "2", "世帯主",
          card=D("arakawa-kyoto"), seal=True, honseki_code=KYOTO_NAKAGYO,
          honseki_address=_ELSEWHERE_HONSEKI,
          hittosha="千住 京子", hittosha_kana="センジュ キョウコ"),
    )),
    # The signing-PIN reset (署名用電子証明書の暗証番号初期化): a password locked after 5 wrong
    # tries, with the app's reservation made at seeding (a demo within 24 hours can reset it).
    DemoHousehold("tomakomai-signlock", TOMAKOMAI, "北海道苫小牧市錦町二丁目8番9号",
                  "北海道札幌市北区北8条西5丁目1番地", (
        R("tomakomai-signlock", "錦", "由美", "ニシキ", "ユミ", date(1979, 3, 15), "2", "世帯主",
          card=D("tomakomai-signlock", pin="2580", signing_tries_left=0, reset_reserved=True),
          seal=True, honseki_code=TOMAKOMAI, honseki_address="北海道苫小牧市錦町二丁目8番",
          hittosha="錦 由美", hittosha_kana="ニシキ ユミ"),
    )),
    # Moved within the city (転居) a month ago: the address in the signing certificate is
    # out of date, so it was revoked; the user-auth certificate carries none and stays good.
    DemoHousehold("tomakomai-tenkyo", TOMAKOMAI, "北海道苫小牧市緑町二丁目4番6号",
                  "北海道苫小牧市本町二丁目1番1号", (
        R("tomakomai-tenkyo", "緑", "大輔", "ミドリ", "ダイスケ", date(1988, 10, 20), "1",
          "世帯主", card=D("tomakomai-tenkyo", pin="9753", signing_revoked=True),
          address_days_ago=30, seal=True, honseki_code=TOMAKOMAI,
          honseki_address="北海道苫小牧市緑町二丁目4番", hittosha="緑 大輔",
          hittosha_kana="ミドリ ダイスケ"),
    )),
)

del R, D




def residents() -> list[tuple[DemoHousehold, DemoResident]]:
    return [(h, r) for h in HOUSEHOLDS for r in h.members]


def cards() -> list[tuple[DemoHousehold, DemoResident, DemoCard]]:
    return [(h, r, r.card) for h, r in residents() if r.card is not None]


def card(card_name: str) -> tuple[DemoHousehold, DemoResident, DemoCard]:
    for h, r, c in cards():
        if c.card_name == card_name:
            return h, r, c
    raise KeyError(card_name)


def pin(card_name: str) -> str:
    """The demo PIN of a card (what the person remembers; the card checks it)."""
    return card(card_name)[2].pin


def municipality(code: str) -> DemoMunicipality:
    return next(m for m in MUNICIPALITIES if m.code == code)


def my_number(index: int) -> str:
    """A deterministic, valid 個人番号 for the index-th demo resident."""
    return with_check_digit(f"{7310_0000_000 + index * 7919:011d}")


def resident_code(index: int) -> str:
    """住民票コード: 11 digits (the last is a check digit in the real system; demo data)."""
    return f"{5200_0000_000 + index * 104729:011d}"


def card_serial(index: int) -> str:
    return f"MN{index:010d}"
