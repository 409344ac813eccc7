"""The My Number card's JPKI names, shared by the card client and the card simulator: the
applications' AIDs and their elementary files (as OpenSC's JPKI driver and the jpki/myna
tools describe them). Neither side owns them; both import them from here."""

from __future__ import annotations

ATR = bytes.fromhex("3BE000FF8131FE4514")
JPKI_AID = bytes.fromhex("D392F000260100000001")        # 公的個人認証 AP
KENMEN_AID = bytes.fromhex("D3921000310001010408")      # 券面事項入力補助 AP
TOKEN_INFO = b"JPKIAPICCTOKEN2".ljust(32, b" ")

# JPKI-AP elementary files
EF_TOKEN_INFO = 0x0006
EF_AUTH_CERT, EF_AUTH_CA_CERT, EF_AUTH_PIN, EF_AUTH_KEY = 0x000A, 0x000B, 0x0018, 0x0017
EF_SIGN_CERT, EF_SIGN_CA_CERT, EF_SIGN_PIN, EF_SIGN_KEY = 0x0001, 0x0002, 0x001B, 0x001A
# 券面事項入力補助AP elementary files
EF_KENMEN_PIN, EF_MY_NUMBER, EF_BASIC_FOUR = 0x0011, 0x0001, 0x0002
