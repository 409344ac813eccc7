"""Document data for the certificate tests: a household with every field filled in."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.clock import JST
from certificates_templates import documents as d
from certificates_templates.verification import Ed25519Signer

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "artifacts" / "certificates"

ISSUER = d.Issuer("272191", "和泉市", "大阪府", "長", "泉野 正道")
META = d.DocumentMeta(ISSUER, date(2026, 6, 10), "272191-T0001")
KEY = Ed25519PrivateKey.generate()
SIGNER = Ed25519Signer("272191", KEY)

GIVEN = ("太郎", "花子", "一郎", "二郎", "三郎", "四郎", "五郎", "六郎", "七子", "八子", "九郎", "十子")


def person(i: int, **kw) -> d.ResidentEntry:
    base = d.ResidentEntry(
        name=f"和泉　{GIVEN[i % len(GIVEN)]}", name_kana="イズミ",
        birth_date=date(1950 + i, 1 + i % 12, 1 + i),
        sex="男" if i % 2 == 0 else "女", relation="世帯主" if i == 0 else "子",
        became_resident_on=date(2015, 4, 1), address_fixed_on=date(2015, 4, 1),
        previous_address="東京都荒川区荒川二丁目2番3号", notified_on=date(2015, 4, 3),
        move_reason="転入",
        my_number=f"{987654321000 + i:012d}", honseki="大阪府和泉市府中町一丁目1番",
        hittosha="和泉　太郎")
    return replace(base, **kw)


FOREIGNER = person(3, name="NGUYEN　VAN AN", relation="同居人", honseki=None, hittosha=None,
                   common_name="中村　安", became_resident_on=date(2019, 4, 1),
                   foreign=d.ForeignResidence("ベトナム", "AB12345678CD", "技術・人文知識・国際業務",
                                              "3年", date(2027, 3, 31), category="中長期在留者",
                                              since=date(2016, 4, 5)))


def household(n: int = 4, options: d.ResidentPrintOptions | None = None, **kw) -> d.ResidentRecord:
    persons = tuple(person(i) for i in range(n))
    return d.ResidentRecord(
        META, "大阪府和泉市府中町二丁目7番5号", "和泉　太郎", persons,
        options or d.ResidentPrintOptions(True, True, True), **kw)


def seal_certificate() -> d.SealCertificate:
    return d.SealCertificate(META, "272191-000001", "和泉　太郎", date(1970, 5, 5), "男",
                             "大阪府和泉市府中町二丁目7番5号", d.SealImpression("和泉", "round", 15))


def tax_certificate(**kw) -> d.TaxCertificate:
    """令和8年度, on 5,200,000 yen of salary: every figure by `backend.rules.tax`'s rules."""
    base = d.TaxCertificate(
        META, 2026, "和泉　太郎", "大阪府和泉市府中町二丁目7番5号", date(1970, 5, 5),
        revenue=(d.TaxLine("給与収入", 5_200_000), d.TaxLine("公的年金等収入", 0)),
        income=(d.TaxLine("給与所得", 3_720_000), d.TaxLine("雑所得（公的年金等）", 0),
                d.TaxLine("営業等所得", 150_000)),
        total_income=3_870_000,
        deductions=(d.TaxLine("社会保険料控除", 780_000), d.TaxLine("生命保険料控除", 28_000),
                    d.TaxLine("配偶者控除", 330_000), d.TaxLine("扶養控除", 330_000),
                    d.TaxLine("基礎控除", 430_000)),
        taxable_income=1_972_000,
        dependants=d.Dependants(spouse=True, relatives=1, young=2),
        municipal=d.LocalTax("市民税", 118_300, 3_000),
        prefectural=d.LocalTax("府民税", 78_800, 1_000))
    return replace(base, **kw)


def _items(*pairs) -> tuple[d.RegisterItem, ...]:
    return tuple(d.RegisterItem(k, v) for k, v in pairs)


REGISTER_PERSONS = (
    d.RegisterPerson("太郎", date(1970, 5, 5), "和泉　一", "和泉　良子", "長男", "夫", (
        d.RegisterEvent("出生", _items(("出生日", date(1970, 5, 5)), ("出生地", "大阪府和泉市"),
                                       ("届出日", date(1970, 5, 11)), ("届出人", "父"))),
        d.RegisterEvent("婚姻", _items(("婚姻日", date(1995, 4, 1)), ("配偶者氏名", "山田　花子"),
                                       ("従前戸籍", "大阪府和泉市府中町一丁目1番　和泉　一"))))),
    d.RegisterPerson("花子", date(1972, 8, 1), "山田　二郎", "山田　幸", "長女", "妻", (
        d.RegisterEvent("出生", _items(("出生日", date(1972, 8, 1)), ("出生地", "東京都荒川区"),
                                       ("届出日", date(1972, 8, 7)), ("届出人", "母"))),
        d.RegisterEvent("婚姻", _items(("婚姻日", date(1995, 4, 1)), ("配偶者氏名", "和泉　太郎"),
                                       ("従前戸籍", "東京都荒川区荒川二丁目2番　山田　二郎"))))),
    d.RegisterPerson("一郎", date(1996, 2, 29), "和泉　太郎", "和泉　花子", "長男", "", (
        d.RegisterEvent("出生", _items(("出生日", date(1996, 2, 29)), ("出生地", "大阪府和泉市"),
                                       ("届出日", date(1996, 3, 4)), ("届出人", "父"))),
        d.RegisterEvent("婚姻", _items(("婚姻日", date(2024, 10, 10)), ("配偶者氏名", "北野　陽子"),
                                       ("新本籍", "北海道苫小牧市旭町四丁目5番"),
                                       ("称する氏", "夫の氏")))), removed=True),
    d.RegisterPerson("二子", date(2001, 1, 31), "和泉　太郎", "和泉　花子", "長女", "", (
        d.RegisterEvent("出生", _items(("出生日", date(2001, 1, 31)), ("出生地", "大阪府和泉市"),
                                       ("届出日", date(2001, 2, 9)), ("届出人", "母"))),)),
)


def family_register(whole: bool = True, persons: tuple[int, ...] | None = None) -> d.FamilyRegister:
    """A 戸籍 of a couple (婚姻 with each 従前戸籍), a son 除籍 by his 婚姻, a daughter."""
    chosen = REGISTER_PERSONS if persons is None else tuple(REGISTER_PERSONS[i] for i in persons)
    return d.FamilyRegister(
        META, "大阪府和泉市府中町一丁目1番", "和泉　太郎",
        (d.RegisterEvent("戸籍編製", _items(("編製日", date(1995, 4, 1)))),), chosen, whole=whole)


def fuhyo() -> d.FamilyRegisterAddresses:
    return d.FamilyRegisterAddresses(
        META, "大阪府和泉市府中町一丁目1番", "和泉　太郎",
        (d.AddressHistory("和泉　太郎", date(1970, 5, 5),
                          (d.AddressEntry("東京都荒川区荒川二丁目2番3号", date(1995, 4, 1)),
                           d.AddressEntry("大阪府和泉市府中町二丁目7番5号", date(2015, 4, 1)))),))


def receipt(**kw) -> d.Receipt:
    base = d.Receipt("セブン-イレブン 和泉府中駅前店", datetime(2026, 6, 10, 10, 5, tzinfo=JST),
                     "和泉市", "住民票の写し", 3, 2, 200, 400, 1000, 600, 200, "T-000123",
                     ("272191-ISS0001",))
    return replace(base, **kw)


def pdftotext(pdf: bytes, *, raw: bool = True) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + ["-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines and spaces cells at will)."""
    return "".join(text.split())


def save_artifact(name: str, pdf: bytes, pages_png: bool = True, dpi: int = 60) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob(f"{name}-*.png"):
        stale.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    if pages_png:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(ARTIFACTS / name)],
                       check=True)
    return path


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))   # the same picture every run


def sheet_picture(pdf: bytes, name: str, sheet: int = 0) -> Path:
    """A sheet's front and back side by side as the eye sees them (drawn at 150 dpi, averaged
    down to 75), for the README: `screenshots/<name>.png`, 256 colours undithered (dithering
    would draw patterns of its own; a quarter of the bytes). Also in the artifacts, whole."""
    import pypdfium2
    from PIL import Image

    doc = pypdfium2.PdfDocument(pdf)
    front, back = (doc[i].render(scale=2 * 75 / 72).to_pil().convert("RGB").reduce(2)
                   for i in (2 * sheet, 2 * sheet + 1))
    both = Image.new("RGB", (front.width + back.width + 12, front.height), (160, 160, 160))
    both.paste(front, (0, 0))
    both.paste(back, (front.width + 12, 0))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    both.save(ARTIFACTS / f"{name}.png", optimize=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    both.quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)
    return path
