"""Every string a person sees on the kiosk, Japanese first, then English.

Screens never hold text of their own: they ask here by key (`text("agree", lang)`), by
reason code (`reason_message`), or by domain value (`certificate_name`, `coin_label`…).
`--lang en` makes English primary; the other language is shown beneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backend.api import ACCEPTED_YEN, CertificateCode, IssuanceKind, PrintedField, Scope
from backend.reasons import Reason
from certificates_templates.pdf_guard import LIMITS, MiB, Refusal
from certificates_templates.verification import Verdict, VerifyResult


@dataclass(frozen=True)
class Msg:
    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def other(self, lang: str) -> str:
        return self.ja if lang == "en" else self.en

    def format(self, **values: object) -> Msg:
        return Msg(self.ja.format(**values), self.en.format(**values))

    @staticmethod
    def lines(messages: Sequence[Msg]) -> Msg:
        """Several messages shown as one, a line each."""
        return Msg("\n".join(m.ja for m in messages), "\n".join(m.en for m in messages))


M = Msg

TEXTS: dict[str, Msg] = {
    # Frame
    "title": M("証明書交付サービス", "Certificate issuance service"),
    "quit": M("終了する", "Quit"),
    "confirm": M("確定する", "Confirm"),
    "back": M("前画面へ", "Back"),
    "ok": M("OK", "OK"),
    "yes": M("有", "Yes"),
    "no": M("無", "No"),
    # Top and terms
    "top_prompt": M("ご利用になるサービスを選択してください。", "Choose a service."),
    "admin_services": M("行政サービス", "Government services"),
    "copy_service": M("コピー", "Copy"),
    "print_service": M("プリント", "Print"),
    "terms_title": M("ご利用上の同意事項", "Terms of use"),
    "terms_body": M(
        "・マイナンバーカードと利用者証明用電子証明書の暗証番号（数字4ケタ）が必要です。\n"
        "・暗証番号を3回続けて誤るとロックされ、市区町村の窓口での手続きが必要です。\n"
        "・証明書・おつり・カードの取り忘れにご注意ください。\n"
        "・この端末には個人の情報は残りません。",
        "- You need your My Number card and its 4-digit user-authentication PIN.\n"
        "- Three wrong PINs in a row lock it; only the municipal counter can unlock it.\n"
        "- Do not forget your certificates, change or card.\n"
        "- No personal data remains on this machine.",
    ),
    "agree": M("同意する", "I agree"),
    "disagree": M("同意しない", "I do not agree"),
    # ①
    "menu_prompt": M("サービスを選択してください。", "Choose a service."),
    "certificate_service": M("証明書交付サービス", "Certificate issuance"),
    # ②
    "place_card_prompt": M("マイナンバーカードをカード置場に置いてください。",
                           "Place your My Number card on the card reader."),
    "reading_card": M("カードを確認しています。カードを動かさないでください。",
                      "Checking the card. Do not move it."),
    "demo_card_hint": M("（デモ）F9キー: カードトレイ", "(demo) F9: card tray"),
    # ③
    "municipality_prompt": M("証明書を交付する市区町村を選択してください。",
                             "Choose the municipality that issues the certificate."),
    "scope_residence": M("お住まいの市区町村の証明書", "Certificates of where you live"),
    "scope_honseki": M("本籍地の市区町村の証明書", "Certificates of your registered domicile"),
    # ④
    "pin_prompt": M("暗証番号（数字4ケタ）を入力し、「確定する」を押してください。",
                    "Enter your 4-digit PIN and press Confirm."),
    "pin_wrong": M("暗証番号が違います。残り{tries}回で暗証番号がロックされます。",
                   "Wrong PIN. {tries} more wrong tries lock it."),
    "pin_need_four": M("数字4ケタを入力してください。", "Enter 4 digits."),
    "correct": M("訂正", "Clear"),
    # ⑤
    "remove_card_prompt": M("マイナンバーカードを取り外してください。",
                            "Remove your My Number card."),
    "remove_card_note": M("この操作以降、カードは使いません。お忘れにならないよう保管してください。",
                          "The card is not needed any more. Keep it with you."),
    # ⑥
    "certificate_prompt": M("取得する証明書を選択してください。", "Choose a certificate."),
    "fee_per_copy": M("{fee}円", "{fee} yen"),
    # ⑦
    "kind_prompt": M("交付種別を選択してください。", "Choose who the certificate covers."),
    "members_prompt": M("記載する方を選択して「確定する」ボタンを押してください。",
                        "Choose the people to include and press Confirm."),
    # ⑧
    "fields_prompt": M("証明書の記載項目を選択して「確定する」ボタンを押してください。",
                       "Choose what the certificate shows and press Confirm."),
    # ⑨
    "copies_prompt": M("必要な部数を入力し、「確定する」ボタンを押してください。",
                       "Enter the number of copies and press Confirm."),
    "copies_label": M("部数（最大10部）", "Copies (at most 10)"),
    "copies_unit": M("{n}部", "{n}"),
    # ⑩
    "confirm_prompt": M("発行内容を確認して「確定する」ボタンを押してください。"
                        "訂正を行う場合は項目を選ぶか「前画面へ」ボタンを押してください。",
                        "Check and press Confirm. To change an item, choose it or press Back."),
    "item_certificate": M("証明書", "Certificate"),
    "item_kind": M("交付種別", "Covers"),
    "item_members": M("記載する方", "People"),
    "item_fields": M("記載事項", "Shown"),
    "item_copies": M("必要部数", "Copies"),
    "item_total": M("合計金額", "Total"),
    "yen": M("{yen}円", "{yen} yen"),
    "none": M("なし", "none"),
    # ⑪
    "payment_prompt": M("料金をコインベンダに入金してください。", "Insert the fee into the coin slot."),
    "payment_due": M("お支払い金額", "Amount due"),
    "payment_inserted": M("投入金額", "Inserted"),
    "payment_remaining": M("不足金額", "Remaining"),
    "coin_rejected": M("{yen}は使用できません。返却口からお取りください。",
                       "{yen} cannot be used. Take it from the return slot."),
    "coin_invalid_label": M("{yen}円(使用不可)", "{yen} yen (invalid)"),
    "coin_foreign": M("外国硬貨", "Foreign coin"),
    "coin_label": M("{yen}円", "{yen} yen"),
    # ⑫
    "printing": M("証明書を印刷しています。", "Printing your certificates."),
    "printing_progress": M("{done}／{total}部 印刷済み", "{done} of {total} printed"),
    "print_fault_title": M("印刷を中断しました。", "Printing stopped."),
    "print_fault_detail": M(
        "{printed}部を印刷しました。印刷できなかった{unprinted}部の手数料{refund}円を返金します。",
        "{printed} printed. The fee for the {unprinted} not printed ({refund} yen) is refunded."),
    # ⑬
    "take_away": M("証明書をお取りください。", "Please take your certificates."),
    "take_away_voice": M("証明書をお取りください。取り忘れにご注意ください。",
                         "Please take your certificates. Do not leave them behind."),
    "stop_voice": M("受け取りました（音声停止）", "Taken (stop voice)"),
    # ⑭
    "receipt": M("領収書が出ますので、お取りください。", "Please take your receipt."),
    "receipt_change": M("おつり{yen}円をお取りください。", "Take your change: {yen} yen."),
    "receipt_refund": M("返金{yen}円をお取りください。", "Take your refund: {yen} yen."),
    "finish": M("終了", "Done"),
    "thanks": M("ご利用ありがとうございました。", "Thank you."),
    # Idle, session end, reminders
    "idle_prompt": M("続けますか？", "Do you want to continue?"),
    "idle_continue": M("続ける", "Continue"),
    "idle_end": M("終了する", "End"),
    "remind_card": M("カードをお取りください。", "Please take your card."),
    "remind_change": M("おつり・返却金{yen}円をお取りください。", "Please take your money: {yen} yen."),
    "remind_prints": M("証明書・領収書をお取りください。", "Please take your certificates and receipt."),
    "take_items": M("受け取りました", "Taken"),
    # Staff
    "staff_title": M("係員メニュー", "Staff panel"),
    "staff_card_tray": M("カードトレイ", "Card tray"),
    "staff_fault_none": M("プリンタ正常", "Printer OK"),
    "staff_fault_paper_out": M("用紙切れにする", "Paper out"),
    "staff_fault_jam": M("紙詰まりにする", "Paper jam"),
    "staff_lang": M("English / 日本語", "Japanese / English"),
    "staff_close": M("閉じる", "Close"),
    "staff_quit": M("端末を終了", "Shut down"),
    "card_tray_title": M("カードトレイ（デモ）", "Card tray (demo)"),
    "card_on_reader": M("リーダー上: {name}", "On the reader: {name}"),
    "card_reader_empty": M("リーダー上: なし", "On the reader: none"),
    "card_remove": M("カードを取る", "Take the card"),
    "card_not_in_tray": M("カードトレイにありません: {name}", "Not in the card tray: {name}"),
    # kiosk verify
    "verify_cannot_read": M("読み取れません", "cannot read"),
}


def text(key: str, lang: str = "ja", **values: object) -> str:
    return msg(key, **values).get(lang)


def msg(key: str, **values: object) -> Msg:
    m = TEXTS[key]
    return m.format(**values) if values else m


CERTIFICATES: dict[CertificateCode, Msg] = {
    CertificateCode.RESIDENT_RECORD: M("住民票の写し", "Copy of residence record"),
    CertificateCode.SEAL_REGISTRATION: M("印鑑登録証明書", "Seal registration certificate"),
    CertificateCode.TAX: M("課税（所得）証明書", "Tax (income) certificate"),
    CertificateCode.FAMILY_REGISTER_ALL: M("戸籍全部事項証明書（戸籍謄本）",
                                           "Family register, all (koseki tohon)"),
    CertificateCode.FAMILY_REGISTER_ONE: M("戸籍個人事項証明書（戸籍抄本）",
                                           "Family register, one (koseki shohon)"),
    CertificateCode.FAMILY_REGISTER_ADDRESSES: M("戸籍の附票の写し", "Family register address record"),
}

KINDS: dict[IssuanceKind, Msg] = {
    IssuanceKind.HOUSEHOLD_ALL: M("世帯全員", "Whole household"),
    IssuanceKind.HOUSEHOLD_SOME: M("世帯の一部", "Some members"),
    IssuanceKind.SELF: M("本人のみ", "Yourself only"),
}

FIELDS: dict[PrintedField, Msg] = {
    PrintedField.HEAD_AND_RELATION: M("世帯主・続柄の記載", "Head of household and relation"),
    PrintedField.HONSEKI: M("本籍地・筆頭者の記載", "Registered domicile and its head"),
    PrintedField.MY_NUMBER: M("マイナンバーの記載", "My Number"),
}

#: The same items, short (⑩ shows them side by side).
FIELDS_SHORT: dict[PrintedField, Msg] = {
    PrintedField.HEAD_AND_RELATION: M("世帯主・続柄", "Head/relation"),
    PrintedField.HONSEKI: M("本籍地・筆頭者", "Domicile"),
    PrintedField.MY_NUMBER: M("マイナンバー", "My Number"),
}

SCOPES: dict[Scope, Msg] = {
    Scope.RESIDENCE: TEXTS["scope_residence"],
    Scope.HONSEKI: TEXTS["scope_honseki"],
}

REASONS: dict[Reason, Msg] = {
    Reason.CLOSED_HOURS: M("ただいまの時間はご利用いただけません。（ご利用時間 6:30〜23:00）",
                           "The service is closed now (open 6:30 to 23:00)."),
    Reason.CLOSED_YEAR_END: M("年末年始（12月29日〜1月3日）はご利用いただけません。",
                              "The service is closed over the New Year (29 Dec to 3 Jan)."),
    Reason.MAINTENANCE: M("システムメンテナンスのため、ただいまご利用いただけません。",
                          "The service is closed for system maintenance."),
    Reason.STORE_CLOSED: M("店舗の営業時間外のため、ご利用いただけません。",
                           "The store is closed: the service is not available now."),
    Reason.CERTIFICATE_WINDOW_CLOSED: M("この証明書は現在の時間帯には交付できません。",
                                        "This certificate cannot be issued at this time."),
    Reason.NO_CARD: M("カードが置かれていません。カード置場にカードを置いてください。",
                      "No card. Place your card on the reader."),
    Reason.UNKNOWN_CARD: M("このカードは読み取れません。マイナンバーカードを置いてください。",
                           "This is not a My Number card."),
    Reason.CARD_REMOVED: M("カードが取り外されました。最初からやり直してください。",
                           "The card was removed. Please start again."),
    Reason.CARD_UNREADABLE: M("カードを読み取れませんでした。置き直してください。",
                              "The card could not be read. Place it again."),
    Reason.PIN_WRONG: M("暗証番号が違います。", "Wrong PIN."),
    Reason.PIN_LOCKED: M("暗証番号がロックされています。お住まいの市区町村の窓口で手続きしてください。",
                         "The PIN is locked. Please go to your municipal office counter to unlock it."),
    Reason.FACE_AUTH_CARD: M("顔認証マイナンバーカードはコンビニ交付にはご利用いただけません。",
                             "A face-authentication card cannot be used for this service."),
    Reason.CARD_EXPIRED: M("カードの有効期限が切れています。市区町村の窓口にお問い合わせください。",
                           "The card has expired. Please ask your municipal office."),
    Reason.CERTIFICATE_EXPIRED: M(
        "利用者証明用電子証明書の有効期限が切れています。窓口で更新してください。",
        "The user-authentication certificate has expired. Renew it at the counter."),
    Reason.CARD_SUSPENDED: M("このカードは一時停止されています。市区町村の窓口にお問い合わせください。",
                             "This card is suspended. Please ask your municipal office."),
    Reason.CARD_ABOLISHED: M("このカードは廃止されているため、ご利用いただけません。",
                             "This card has been abolished and cannot be used."),
    Reason.CARD_INVALIDATED: M("このカードは失効しています。市区町村の窓口にお問い合わせください。",
                               "This card is no longer valid. Please ask your municipal office."),
    Reason.CERTIFICATE_REVOKED: M("電子証明書が失効しています。窓口にお問い合わせください。",
                                  "The electronic certificate has been revoked. Please ask the counter."),
    Reason.CERTIFICATE_UNTRUSTED: M("このカードの電子証明書を確認できませんでした。",
                                    "The card's certificate could not be verified."),
    Reason.SIGNATURE_INVALID: M("本人確認ができませんでした。最初からやり直してください。",
                                "Identity could not be confirmed. Please start again."),
    Reason.CHALLENGE_REUSED: M("本人確認ができませんでした。最初からやり直してください。",
                               "Identity could not be confirmed (reused request). Please start again."),
    Reason.CHALLENGE_EXPIRED: M(
        "時間が経過したため、本人確認ができませんでした。最初からやり直してください。",
        "Too much time passed to confirm identity. Please start again."),
    Reason.UNKNOWN_HOLDER: M("このカードの情報が見つかりません。市区町村の窓口にお問い合わせください。",
                             "The card's holder was not found. Please ask your municipal office."),
    Reason.NOT_RESIDENT: M("住民登録がないため、証明書を交付できません。",
                           "You are not registered as a resident: no certificate can be issued."),
    Reason.MOVED_OUT: M("転出されているため、証明書を交付できません。",
                        "You have moved out: no certificate can be issued here."),
    Reason.DECEASED: M("この方の証明書は交付できません。窓口にお問い合わせください。",
                       "Certificates for this person cannot be issued. Please ask the counter."),
    Reason.RESTRICTED: M("コンビニ交付をご利用いただけません。窓口にお問い合わせください。",
                         "Kiosk issuance is not available for you. Please ask the counter."),
    Reason.UNDER_15: M("15歳未満の方はご利用いただけません。", "Not available to people under 15."),
    Reason.MOVED_IN_TODAY: M("転入の当日は証明書を交付できません。",
                             "Not available on the day you moved in."),
    Reason.NOT_ELIGIBLE_NO_SEAL: M("印鑑登録がないため、印鑑登録証明書は交付できません。",
                                   "You have no registered seal."),
    Reason.NOT_ELIGIBLE_HONSEKI: M("本籍地がこの市区町村ではないため、戸籍の証明書は交付できません。",
                                   "Your registered domicile is not here."),
    Reason.NEEDS_HONSEKI_REGISTRATION: M("本籍地の証明書には事前の利用登録が必要です。",
                                         "Certificates from your domicile need prior registration."),
    Reason.NO_TAX_RECORD: M("課税の記録がないため、課税証明書は交付できません。",
                            "There is no tax record to certify."),
    Reason.HONSEKI_NOT_OFFERED: M("本籍地の市区町村はコンビニ交付を行っていません。",
                                  "Your domicile does not offer kiosk issuance."),
    Reason.INVALID_COPIES: M("部数は1〜10部の範囲で入力してください。", "Enter 1 to 10 copies."),
    Reason.UNKNOWN_CERTIFICATE: M("この証明書は取り扱っていません。", "This certificate is not handled."),
    Reason.CERTIFICATE_NOT_OFFERED: M("この証明書はコンビニ交付の対象外です。",
                                      "This certificate is not issued at kiosks."),
    Reason.KIND_NOT_OFFERED: M("この交付種別は選択できません。", "This choice is not available."),
    Reason.MEMBER_NOT_IN_HOUSEHOLD: M("選択された方は世帯にいません。",
                                      "That person is not in the household."),
    Reason.NO_MEMBERS_CHOSEN: M("記載する方を1人以上選択してください。", "Choose at least one person."),
    Reason.FIELD_NOT_OFFERED: M("この記載事項は選択できません。", "This item cannot be chosen."),
    Reason.INVALID_COIN: M("この硬貨は使用できません。返却口からお取りください。",
                           "This coin cannot be used. Take it from the return slot."),
    Reason.INSUFFICIENT_PAYMENT: M("金額が不足しています。", "Not enough money inserted."),
    Reason.UNKNOWN_KIOSK: M("この端末は登録されていません。係員にお尋ねください。",
                            "This terminal is not registered. Please ask the staff."),
    Reason.UNKNOWN_MUNICIPALITY: M("その市区町村コードは登録されていません。",
                                   "No municipality has that code."),
    Reason.UNKNOWN_SESSION: M("取引が見つかりません。最初からやり直してください。",
                              "The transaction was not found. Please start again."),
    Reason.SESSION_CLOSED: M("取引は終了しています。最初からやり直してください。",
                             "The transaction has ended. Please start again."),
    Reason.WRONG_STEP: M("操作の順番が正しくありません。最初からやり直してください。",
                         "Unexpected step. Please start again."),
    Reason.UNKNOWN_COPY: M("印刷する証明書の番号が正しくありません。店員にお尋ねください。",
                           "No such copy. Please ask the store staff."),
    Reason.KIOSK_BUSY: M("前のお客様の取引を終了しています。しばらくお待ちください。",
                         "The previous customer's transaction is still being finished. Please wait."),
    Reason.BAD_REQUEST: M("受け付けられない操作です。最初からやり直してください。",
                          "That request cannot be accepted. Please start again."),
    Reason.TIMED_OUT: M("一定時間操作がなかったため、取引を終了しました。",
                        "The session ended because there was no activity."),
    Reason.PRINTER_PAPER_OUT: M("用紙切れのため印刷できません。店員にお尋ねください。",
                                "Out of paper. Please ask the store staff."),
    Reason.PRINTER_JAM: M("紙詰まりが起こりました。店員にお尋ねください。",
                          "Paper jam. Please ask the store staff."),
    Reason.SYSTEM_ERROR: M("ただいまご利用いただけません。店員にお尋ねください。",
                           "The service is not available right now. Please ask the store staff."),
    Reason.SERVICE_PAUSED: M("ただいま証明書交付サービスは休止しています。店員にお尋ねください。",
                             "The certificate service is paused. Please ask the store staff."),
    Reason.REFUND_NOT_PAID: M("返金できませんでした。この控えを店員にお見せください。",
                              "The refund could not be paid out. Please show this slip to the store staff."),
    Reason.CERTIFICATE_DATA_INCOMPLETE: M(
        "証明書を作成できませんでした。市区町村の窓口にお問い合わせください。",
        "The certificate could not be made. Please ask your municipal office."),
    Reason.COIN_REJECTED: M("この硬貨は使用できません。返却口からお取りください。",
                            "This coin cannot be used. Take it from the return slot."),
}


def reason_message(reason: Reason) -> Msg:
    """The message for a code; an unknown (newly added) code still gets a safe text."""
    return REASONS.get(reason, M("ただいまご利用いただけません。窓口にお問い合わせください。",
                                 "This service is not available now. Please ask the counter."))


def certificate_name(code: CertificateCode) -> Msg:
    return CERTIFICATES[code]


def kind_name(kind: IssuanceKind) -> Msg:
    return KINDS[kind]


def field_name(field: PrintedField) -> Msg:
    return FIELDS[field]


def coin_label(coin: int | str) -> Msg:     # 100円, 5円(使用不可), 外国硬貨
    if coin in ACCEPTED_YEN:
        return msg("coin_label", yen=f"{coin:,}")
    return msg("coin_foreign") if coin == "foreign" else msg("coin_invalid_label", yen=coin)


def coin_rejected(coin: int | str) -> Msg:
    label, m = coin_label(coin), TEXTS["coin_rejected"]
    return Msg(m.ja.format(yen=label.ja), m.en.format(yen=label.en))


#: `kiosk verify`'s verdicts.
VERDICTS: dict[Verdict, Msg] = {
    Verdict.GENUINE: M("本物", "genuine"),
    Verdict.ALTERED: M("内容が改ざんされています", "the content was altered after issue"),
    Verdict.BAD_SIGNATURE: M("検証コードの署名が正しくありません", "the signature is wrong"),
    Verdict.UNKNOWN_ISSUER: M("発行元の公開鍵が見つかりません",
                              "no public key for this municipality in KIOSK_HOME"),
    Verdict.NO_CODE: M("検証コードがありません", "no verification code"),
    Verdict.UNREADABLE: M("PDFとして読み取れません", "not a readable PDF"),
}

#: Why a PDF was not checked at all: beyond a limit of certificates_templates.pdf_guard.
REFUSALS: dict[Refusal, Msg] = {
    Refusal.FILE_TOO_LARGE: M("ファイルが大きすぎるため検証しません（{mib} MiBまで）",
                              "too large to check (at most {mib} MiB)"),
    Refusal.TOO_MANY_PAGES: M("ページが多すぎるため検証しません（{pages}ページまで）",
                              "too many pages to check (at most {pages})"),
    Refusal.TOO_DEEP: M("PDFの入れ子が深すぎるため検証しません",
                        "nested too deep to check"),
    Refusal.STREAM_TOO_LARGE: M("圧縮されたデータが大きく展開されるため検証しません",
                                "its compressed data expands too far to check"),
    Refusal.TOO_MUCH_TEXT: M("文字が多すぎるため検証しません", "too much text to check"),
    Refusal.OUT_OF_MEMORY: M("読み取りにメモリを使いすぎるため検証を中止しました",
                             "reading it took too much memory: not checked"),
    Refusal.OUT_OF_TIME: M("読み取りに時間がかかりすぎるため検証を中止しました（{seconds}秒まで）",
                           "reading it took too long (over {seconds} s): not checked"),
}


def verdict_message(result: VerifyResult) -> Msg:
    """The verdict, or why the file was not checked at all."""
    if result.refusal is None:
        return VERDICTS[result.verdict]
    return REFUSALS[result.refusal].format(
        mib=LIMITS.file_bytes // MiB, pages=LIMITS.pages, seconds=f"{LIMITS.seconds:g}")
