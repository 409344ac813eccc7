"""What each certificate asks at ⑦ (交付種別) and ⑧ (記載事項).

Only 住民票の写し has kinds and optional fields; the 戸籍個人事項証明書 asks whose (people of the
holder's 戸籍); the others are about the holder alone.
本籍・筆頭者 is offered where the household has a Japanese member, 在留カード等の番号 where it
has a foreign one (住民基本台帳法 §30の45: a foreign resident has no 本籍).
"""

from __future__ import annotations

from backend.api import CertificateCode, IssuanceKind, PrintedField

KINDS: dict[CertificateCode, tuple[IssuanceKind, ...]] = {
    CertificateCode.RESIDENT_RECORD: (IssuanceKind.HOUSEHOLD_ALL, IssuanceKind.HOUSEHOLD_SOME,
                                      IssuanceKind.SELF),
}

FIELDS: dict[CertificateCode, tuple[PrintedField, ...]] = {
    CertificateCode.RESIDENT_RECORD: (PrintedField.HEAD_AND_RELATION, PrintedField.HONSEKI,
                                      PrintedField.MY_NUMBER, PrintedField.RESIDENCE_CARD),
}

# ⑦ whose: the people of the holder's 戸籍 are chosen (`Offering.persons`), not a kind.
PERSONS = frozenset({CertificateCode.FAMILY_REGISTER_ONE})

# Display order on the ⑥ screen.
ORDER = (CertificateCode.RESIDENT_RECORD, CertificateCode.SEAL_REGISTRATION, CertificateCode.TAX,
         CertificateCode.FAMILY_REGISTER_ALL, CertificateCode.FAMILY_REGISTER_ONE,
         CertificateCode.FAMILY_REGISTER_ADDRESSES)

NAMES: dict[CertificateCode, str] = {
    CertificateCode.RESIDENT_RECORD: "住民票の写し",
    CertificateCode.SEAL_REGISTRATION: "印鑑登録証明書",
    CertificateCode.TAX: "課税証明書",
    CertificateCode.FAMILY_REGISTER_ALL: "戸籍全部事項証明書",
    CertificateCode.FAMILY_REGISTER_ONE: "戸籍個人事項証明書",
    CertificateCode.FAMILY_REGISTER_ADDRESSES: "戸籍の附票の写し",
}


def kinds_for(certificate: CertificateCode) -> tuple[IssuanceKind, ...]:
    return KINDS.get(certificate, ())


def fields_for(certificate: CertificateCode, *, foreign: bool = False,
               japanese: bool = True) -> tuple[PrintedField, ...]:
    """⑧'s items for a household with Japanese members (`japanese`) and/or foreign ones."""
    left_out = {PrintedField.HONSEKI} if not japanese else set()
    if not foreign:
        left_out.add(PrintedField.RESIDENCE_CARD)
    return tuple(f for f in FIELDS.get(certificate, ()) if f not in left_out)


def chooses_persons(certificate: CertificateCode) -> bool:
    return certificate in PERSONS
