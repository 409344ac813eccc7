"""Reason codes: every refusal or failure a person can meet has one.

The kiosk's catalogue turns each code into a message (Japanese first, English second); the
backend and the card client only ever raise codes. Add codes here, never free text.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    # Service hours (DOMAIN §3; leaflets 002, 003)
    CLOSED_HOURS = "closed_hours"                  # outside 6:30–23:00
    CLOSED_YEAR_END = "closed_year_end"            # 12/29–1/3
    MAINTENANCE = "maintenance"                    # system maintenance day
    STORE_CLOSED = "store_closed"                  # outside the store's own hours
    CERTIFICATE_WINDOW_CLOSED = "certificate_window_closed"  # e.g. 戸籍 on working days only

    # The card and its certificate (DOMAIN §4)
    NO_CARD = "no_card"
    UNKNOWN_CARD = "unknown_card"                  # not a My Number card
    CARD_REMOVED = "card_removed"                  # taken away mid-read
    CARD_UNREADABLE = "card_unreadable"            # malformed or unexpected answer
    PIN_WRONG = "pin_wrong"                        # tries left > 0
    PIN_LOCKED = "pin_locked"                      # 3 wrong tries: only the 窓口 can unlock
    FACE_AUTH_CARD = "face_auth_card"              # 顔認証マイナンバーカード
    CARD_EXPIRED = "card_expired"
    CERTIFICATE_EXPIRED = "certificate_expired"    # 利用者証明用電子証明書 expired
    CARD_SUSPENDED = "card_suspended"              # 一時停止
    CARD_ABOLISHED = "card_abolished"              # 廃止
    CARD_INVALIDATED = "card_invalidated"          # 失効 (moves, emigration, death…)
    CERTIFICATE_REVOKED = "certificate_revoked"
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"  # not issued by the J-LIS CA
    SIGNATURE_INVALID = "signature_invalid"
    CHALLENGE_REUSED = "challenge_reused"
    CHALLENGE_EXPIRED = "challenge_expired"
    UNKNOWN_HOLDER = "unknown_holder"              # certificate not in the card registry

    # Eligibility (DOMAIN §3)
    NOT_RESIDENT = "not_resident"                  # no 住民登録 in the municipality
    MOVED_OUT = "moved_out"
    DECEASED = "deceased"
    RESTRICTED = "restricted"                      # 支援措置 (support-measure restriction)
    UNDER_15 = "under_15"
    MOVED_IN_TODAY = "moved_in_today"
    NOT_ELIGIBLE_NO_SEAL = "not_eligible_no_seal"  # 印鑑登録 missing
    NOT_ELIGIBLE_HONSEKI = "not_eligible_honseki"  # 本籍 is not this municipality
    NO_FAMILY_REGISTER = "no_family_register"      # no 本籍 at all (a foreign resident): no 戸籍
    NEEDS_HONSEKI_REGISTRATION = "needs_honseki_registration"  # 本籍地 利用登録 missing
    NO_TAX_RECORD = "no_tax_record"
    HONSEKI_NOT_OFFERED = "honseki_not_offered"    # the 本籍地 does not offer kiosk issuance

    # 戸籍証明書交付の利用登録申請 (leaflet 002 p.9)
    REGISTRATION_PENDING = "registration_pending"      # an application is already being checked
    ALREADY_REGISTERED = "already_registered"          # 利用登録 done: no second application
    NO_REGISTRATION_NEEDED = "no_registration_needed"  # 本籍 is where one lives: no need
    HONSEKI_RESIDENTS_ONLY = "honseki_residents_only"  # the 本籍地 serves only its own residents
    HITTOSHA_KANA_INVALID = "hittosha_kana_invalid"    # 筆頭者 empty, too long or not katakana
    REGISTRATION_MISMATCH = "registration_mismatch"    # no 戸籍 there with that 筆頭者 for the person

    # 署名用電子証明書の暗証番号初期化 (leaflets 001 §3③, 002 p.7)
    PIN_RESET_HOURS = "pin_reset_hours"                # outside 6:30–23:00
    NO_RESET_RESERVATION = "no_reset_reservation"      # nothing reserved on the smartphone app
    RESET_RESERVATION_EXPIRED = "reset_reservation_expired"  # reserved over 24 hours ago
    RESET_RESERVATION_USED = "reset_reservation_used"  # a reservation serves one reset
    NO_SIGNING_CERTIFICATE = "no_signing_certificate"  # under 15 at issue: the card has none
    SIGNING_CERTIFICATE_REVOKED = "signing_certificate_revoked"  # moved or renamed: the counter
    SIGNING_PIN_FORMAT = "signing_pin_format"          # not 6–16 upper-case letters and digits
    SIGNING_PIN_MISMATCH = "signing_pin_mismatch"      # the two entries differ
    SIGNING_PIN_RESET_FAILED = "signing_pin_reset_failed"  # the card refused the reset

    # Request validation (typed errors, no state change)
    INVALID_COPIES = "invalid_copies"              # outside 1–10 or not a number
    UNKNOWN_CERTIFICATE = "unknown_certificate"
    CERTIFICATE_NOT_OFFERED = "certificate_not_offered"
    KIND_NOT_OFFERED = "kind_not_offered"
    MEMBER_NOT_IN_HOUSEHOLD = "member_not_in_household"
    NO_MEMBERS_CHOSEN = "no_members_chosen"
    FIELD_NOT_OFFERED = "field_not_offered"
    INVALID_COIN = "invalid_coin"
    INSUFFICIENT_PAYMENT = "insufficient_payment"

    # Session
    UNKNOWN_KIOSK = "unknown_kiosk"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"  # no such 市区町村コード (staff input)
    UNKNOWN_SESSION = "unknown_session"
    SESSION_CLOSED = "session_closed"
    WRONG_STEP = "wrong_step"                      # a call out of order
    UNKNOWN_COPY = "unknown_copy"                  # a copy number outside 1..copies, or not an int
    KIOSK_BUSY = "kiosk_busy"                      # the kiosk's paid session is not finished yet
    BAD_REQUEST = "bad_request"                    # input the centre cannot even store or compare
    TIMED_OUT = "timed_out"
    CENTRE_UNREACHABLE = "centre_unreachable"      # the kiosk's line to a remote centre: 通信エラー
    KIOSK_CREDENTIAL_REFUSED = "kiosk_credential_refused"  # the kiosk's credential: none, revoked

    # Devices
    PRINTER_PAPER_OUT = "printer_paper_out"
    PRINTER_JAM = "printer_jam"
    COIN_REJECTED = "coin_rejected"
    SYSTEM_ERROR = "system_error"                  # an unexpected failure: nothing charged, staff help
    SERVICE_PAUSED = "service_paused"              # printer or coin vendor faulted before a session
    REFUND_NOT_PAID = "refund_not_paid"            # the coin vendor could not pay a refund out
    CHANGE_LOW = "change_low"                      # 釣銭切れ: a change hopper ran low

    # Printing the certificate
    CERTIFICATE_DATA_INCOMPLETE = "certificate_data_incomplete"  # the register lacks a required item


class ServiceError(Exception):
    """A refusal with a reason code; `detail` is for logs and staff, never shown as-is."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
