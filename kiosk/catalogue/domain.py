"""The domain's values as a person reads them: certificates, kinds, printed fields, scopes."""

from __future__ import annotations

from backend.api import CertificateCode, IssuanceKind, PrintedField, Scope
from kiosk.catalogue.msg import M, Msg
from kiosk.catalogue.texts import TEXTS

CERTIFICATES: dict[CertificateCode, Msg] = {
    CertificateCode.RESIDENT_RECORD: M("住民票の写し", "Copy of residence record", "住民票複印件"),
    CertificateCode.SEAL_REGISTRATION: M("印鑑登録証明書", "Seal registration certificate",
                                         "印鑑登記證明書"),
    CertificateCode.TAX: M("課税（所得）証明書", "Tax (income) certificate", "課稅（所得）證明書"),
    CertificateCode.FAMILY_REGISTER_ALL: M("戸籍全部事項証明書（戸籍謄本）",
                                           "Family register, all (tohon)",
                                           "戶籍全部事項證明書（戶籍謄本）"),
    CertificateCode.FAMILY_REGISTER_ONE: M("戸籍個人事項証明書（戸籍抄本）",
                                           "Family register, one (shohon)",
                                           "戶籍個人事項證明書（戶籍抄本）"),
    CertificateCode.FAMILY_REGISTER_ADDRESSES: M("戸籍の附票の写し", "Family register address record",
                                                 "戶籍附票複印件"),
}

KINDS: dict[IssuanceKind, Msg] = {
    IssuanceKind.HOUSEHOLD_ALL: M("世帯全員", "Whole household", "戶內全員"),
    IssuanceKind.HOUSEHOLD_SOME: M("世帯の一部", "Some members", "戶內部分成員"),
    IssuanceKind.SELF: M("本人のみ", "Yourself only", "僅限本人"),
}

FIELDS: dict[PrintedField, Msg] = {
    PrintedField.HEAD_AND_RELATION: M("世帯主・続柄の記載", "Head of household and relation",
                                      "記載戶長、與戶長關係"),
    PrintedField.HONSEKI: M("本籍地・筆頭者の記載", "Registered domicile and its head",
                            "記載本籍地、筆頭者"),
    PrintedField.MY_NUMBER: M("マイナンバーの記載", "My Number", "記載個人編號"),
    PrintedField.RESIDENCE_CARD: M("在留カード等の番号の記載", "Residence card number",
                                   "記載在留卡等號碼"),
}

#: The same items, short (⑩ shows them side by side).
FIELDS_SHORT: dict[PrintedField, Msg] = {
    PrintedField.HEAD_AND_RELATION: M("世帯主・続柄", "Head/relation", "戶長、關係"),
    PrintedField.HONSEKI: M("本籍地・筆頭者", "Domicile", "本籍地、筆頭者"),
    PrintedField.MY_NUMBER: M("マイナンバー", "My Number", "個人編號"),
    PrintedField.RESIDENCE_CARD: M("在留カード", "Res. card", "在留卡"),
}

SCOPES: dict[Scope, Msg] = {
    Scope.RESIDENCE: TEXTS["scope_residence"],
    Scope.HONSEKI: TEXTS["scope_honseki"],
}
