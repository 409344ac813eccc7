"""The flow's words: its states (one per screen), the events that move it and the effects it
asks the app to carry out; and the two ways an event is turned away (`FlowError`, `Refusal`)."""

from __future__ import annotations

from enum import StrEnum

from backend.reasons import Reason


class State(StrEnum):
    """One per screen; the value is the screen's stable id."""

    TOP = "top"                        # 行政サービス
    TERMS = "terms"                    # ご利用上の同意事項 → 同意する
    SERVICE_MENU = "service_menu"      # ① 証明書交付サービス
    PLACE_CARD = "place_card"          # ② カードの読み取り
    MUNICIPALITY = "municipality"      # ③ お住まい / 本籍地
    PIN = "pin"                        # ④ 暗証番号
    REMOVE_CARD = "remove_card"        # ⑤ カードの取り外し
    CERTIFICATE = "certificate"        # ⑥ 証明書の種別
    ISSUANCE_KIND = "issuance_kind"    # ⑦ 交付種別
    MEMBERS = "members"                # ⑦ 世帯の一部: who
    FIELDS = "fields"                  # ⑧ 記載事項
    COPIES = "copies"                  # ⑨ 部数
    CONFIRM = "confirm"                # ⑩ 発行内容確認
    PAYMENT = "payment"                # ⑪ 料金支払い
    PRINTING = "printing"              # ⑫ 証明書印刷
    PRINT_FAULT = "print_fault"        # ⑫ printing stopped (jam, paper out)
    TAKE_AWAY = "take_away"            # ⑬ 取り忘れ確認
    RECEIPT = "receipt"                # ⑭ 領収書発行
    MESSAGE = "message"                # a refusal: read, then the session ends
    IDLE_PROMPT = "idle_prompt"        # 続けますか？
    CONFIRM_QUIT = "confirm_quit"      # 取り消しますか？ はい／いいえ (over the step)
    REFUND = "refund"                  # 返金: the money inserted comes back; お取りください
    # 戸籍証明書交付の利用登録申請 (after ②④⑤ as for a certificate)
    HONSEKI_PREFECTURE = "honseki_prefecture"      # 本籍地の都道府県
    HONSEKI_MUNICIPALITY = "honseki_municipality"  # 本籍地の市区町村
    HITTOSHA = "hittosha"                          # 筆頭者の氏名 (カタカナ)
    REGISTRATION_CONFIRM = "registration_confirm"  # 申請内容の確認
    REGISTRATION_DONE = "registration_done"        # 申請受付: the slip is out
    # 署名用電子証明書の暗証番号初期化 (after ②④, the card kept on the reader)
    NEW_SIGNING_PIN = "new_signing_pin"            # 新しい暗証番号, twice
    PIN_RESETTING = "pin_resetting"                # the card is being reset
    PIN_RESET_DONE = "pin_reset_done"              # 初期化完了: take the card


class Event(StrEnum):
    # A person's taps
    START = "start"                          # 行政サービス
    AGREE = "agree"                          # 同意する
    CHOOSE_SERVICE = "choose_service"        # service=Service (①'s three buttons)
    SCOPE_CHOSEN = "scope_chosen"            # scope=Scope
    PIN_SUBMITTED = "pin_submitted"          # the PIN itself goes to the card only
    CERTIFICATE_CHOSEN = "certificate_chosen"  # certificate=CertificateCode
    KIND_CHOSEN = "kind_chosen"              # kind=IssuanceKind
    MEMBERS_CHOSEN = "members_chosen"        # member_ids=tuple[str, ...]
    FIELDS_CHOSEN = "fields_chosen"          # fields=frozenset[PrintedField]
    COPIES_CHOSEN = "copies_chosen"          # copies=int
    CONFIRMED = "confirmed"                  # ⑩ 確定する
    BACK = "back"                            # 前画面へ
    EDIT_CERTIFICATE = "edit_certificate"    # ⑩ jump back to an item…
    EDIT_KIND = "edit_kind"
    EDIT_MEMBERS = "edit_members"
    EDIT_FIELDS = "edit_fields"
    EDIT_COPIES = "edit_copies"
    VOICE_STOPPED = "voice_stopped"          # ⑬ 受け取りました（音声停止）
    ACKNOWLEDGED = "acknowledged"            # OK on a message
    DONE = "done"                            # ⑭ 終了
    QUIT = "quit"                            # 終了する / 取消 (asked first once a session is open)
    QUIT_CONFIRMED = "quit_confirmed"        # 取り消しますか？ → はい
    CONTINUE = "continue"                    # 続ける (idle prompt)
    PREFECTURE_CHOSEN = "prefecture_chosen"  # prefecture=str
    HONSEKI_CHOSEN = "honseki_chosen"        # code=str (a HonsekiChoice that accepts)
    HITTOSHA_ENTERED = "hittosha_entered"    # kana=str
    SIGNING_PIN_ENTERED = "signing_pin_entered"  # the new password goes to the card only
    # The devices and the clock
    CARD_PLACED = "card_placed"
    CARD_LIFTED = "card_lifted"
    TIMEOUT = "timeout"
    # Outcomes of effects
    SESSION_OPENED = "session_opened"        # session_id=str
    CARD_ACCEPTED = "card_accepted"
    REFUSED = "refused"                      # reason=Reason
    AUTHENTICATED = "authenticated"          # holder=Holder, offerings=tuple[Offering, ...]
    PIN_WRONG = "pin_wrong"                  # tries_left=int
    MEMBERS_LOADED = "members_loaded"        # members=tuple[Member, ...]
    QUOTED = "quoted"                        # quote=Quote
    COIN_RECORDED = "coin_recorded"          # payment=PaymentState
    PAID = "paid"                            # payment=PaymentState (settled)
    PRINT_PROGRESS = "print_progress"        # printed=int, total=int
    PRINTED = "printed"                      # printed=int, total=int
    PRINT_FAULT = "print_fault"              # reason=Reason, printed=int, total=int
    RECEIPT_READY = "receipt_ready"          # receipt=Receipt
    REFUNDED = "refunded"                    # paid_yen=int, owed_yen=int (the vendor failed)
    PREFECTURES_LOADED = "prefectures_loaded"  # prefectures=tuple[str, ...]
    HONSEKI_LOADED = "honseki_loaded"        # choices=tuple[HonsekiChoice, ...]
    REGISTERED = "registered"                # receipt=RegistrationReceipt (the slip printed)
    SIGNING_PIN_RESET = "signing_pin_reset"  # tries_left=int (asked of the card)


class Effect(StrEnum):
    """What the app must do after a transition; outcomes come back as events."""

    BEGIN_SESSION = "begin_session"      # centre.begin_session → SESSION_OPENED | REFUSED
    READ_CARD = "read_card"              # read_card + precheck_card → CARD_ACCEPTED | REFUSED
    AUTHENTICATE = "authenticate"        # sign_challenge + authenticate + offerings
    LOAD_MEMBERS = "load_members"        # centre.members → MEMBERS_LOADED
    QUOTE = "quote"                      # centre.quote → QUOTED | REFUSED
    OPEN_COINS = "open_coins"            # the coin vendor takes money for this session
    CLOSE_COINS = "close_coins"
    SETTLE = "settle"                    # centre.settle → PAID | REFUSED; change paid out
    ISSUE_AND_PRINT = "issue_and_print"  # centre.issue, print each copy, report_copy
    START_REMINDER = "start_reminder"    # ⑬ voice, bell and flashing, repeating
    STOP_REMINDER = "stop_reminder"
    FINISH = "finish"                    # centre.finish → receipt printed → RECEIPT_READY
    CANCEL = "cancel"                    # 取消 confirmed with money in: refund now → REFUNDED
    END_SESSION = "end_session"          # cancel (refund) unless finished, close, forget all
    LOAD_PREFECTURES = "load_prefectures"  # centre.honseki_prefectures → PREFECTURES_LOADED
    LOAD_HONSEKI = "load_honseki"        # centre.honseki_municipalities → HONSEKI_LOADED
    APPLY_REGISTRATION = "apply_registration"  # apply, print the slip → REGISTERED | REFUSED
    RESET_SIGNING_PIN = "reset_signing_pin"    # the authority's proof, the card's reset


class FlowError(Exception):
    """The event does not apply in this state (or no guard allows it): nothing changed."""

    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"{event.value} is not valid in {state.value}")
        self.state = state
        self.event = event


class Refusal(FlowError):
    """The event applies but its payload is refused (e.g. 11 copies): nothing changed."""

    def __init__(self, state: State, event: Event, reason: Reason) -> None:
        super().__init__(state, event)
        self.reason = reason
        self.args = (f"{event.value} refused in {state.value}: {reason.value}",)
