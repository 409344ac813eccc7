"""The screens' texts by key, Japanese first, then English."""

from __future__ import annotations

from kiosk.catalogue.msg import M, Msg

TEXTS: dict[str, Msg] = {
    # Frame
    "title": M("証明書交付サービス", "Certificate issuance service"),
    "quit": M("終了する", "Quit"),
    "confirm": M("確定する", "Confirm"),
    "page_previous": M("前へ", "Previous"),
    "page_next": M("次へ", "Next"),
    "page_of": M("{page}/{pages}ページ", "Page {page}/{pages}"),
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
    # ③
    "municipality_prompt": M("証明書を交付する市区町村を選択してください。",
                             "Choose the municipality that issues the certificate."),
    "scope_residence": M("お住まいの市区町村の証明書", "Certificates of where you live"),
    "scope_honseki": M("本籍地の市区町村の証明書", "Certificates of your registered domicile"),
    # ④
    "pin_prompt": M("暗証番号（数字4ケタ）を入力し、「確定する」を押してください。",
                    "Enter your 4-digit PIN and press Confirm."),
    "pin_wrong": M("暗証番号が違います。残り{tries}回で暗証番号がロックされます。",
                   "Wrong PIN. {tries} more wrong entries lock it."),
    "pin_wrong_last": M("暗証番号が違います。残り1回で暗証番号がロックされます。",
                        "Wrong PIN. One more wrong entry locks it."),
    "pin_need_four": M("数字4ケタを入力してください。", "Enter 4 digits."),
    "correct": M("訂正", "Clear"),              # the keypad's: clears what was typed
    "edit": M("訂正", "Change"),                # ⑩'s: goes back to change an item
    # ⑤
    "remove_card_prompt": M("マイナンバーカードを取り外してください。",
                            "Remove your My Number card."),
    "remove_card_note": M("この操作以降、カードは使いません。お忘れにならないよう保管してください。",
                          "The card is not needed any more. Keep it with you."),
    # ⑥
    "certificate_prompt": M("取得する証明書を選択してください。", "Choose a certificate."),
    "municipality_line": M("交付市区町村: {name}", "Issued by: {name}"),
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
    "payment_change_note": M("おつりは返却口から出ます。", "Change comes out of the return slot."),
    "payment_due": M("お支払い金額", "Amount due"),
    "payment_inserted": M("投入金額", "Inserted"),
    "payment_remaining": M("不足金額", "Remaining"),
    "coin_rejected": M("{yen}は使用できません。返却口からお取りください。",     # {yen}: 1円, 外国硬貨
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
    "voice_guiding": M("音声案内中", "Voice guidance playing"),
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
    "hours_line": M("証明書交付サービス ご利用時間 {opens}〜{closes}",
                    "Certificate service hours: {opens}–{closes}"),
    "idle_prompt": M("続けますか？", "Do you want to continue?"),
    "idle_countdown": M("あと{seconds}秒で終了します。", "Ending in {seconds} seconds."),
    # 終了する / 取消, asked first
    "confirm_quit_prompt": M("取り消しますか？", "Cancel and end?"),
    "confirm_quit_money": M("投入されたお金は返金されます。", "The money you put in will be refunded."),
    "confirm_quit_yes": M("はい", "Yes"),
    "confirm_quit_no": M("いいえ", "No"),
    "cancel": M("取消", "Cancel"),
    # 返金
    "refund_title": M("返金", "Refund"),
    "refund_take": M("返金{yen}円を返却口からお取りください。",
                     "Take your refund of {yen} yen from the return slot."),
    "refund_working": M("返金しています…", "Refunding…"),
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
    "staff_printer": M("プリンタ: {state}", "Printer: {state}"),
    "staff_coins": M("コインベンダ: {state}", "Coin vendor: {state}"),
    "staff_device_ok": M("正常", "OK"),
    "staff_clock": M("時計: {now}", "Clock: {now}"),
    "staff_day": M("本日: 取引{sessions}件 {copies}部 入金{yen_in}円 手数料{fees}円 返金{refunds}円"
                   " おつり{change}円 未返金{owed}円",
                   "Today: {sessions} sessions, {copies} copies, {yen_in} yen in, {fees} yen fees,"
                   " {refunds} yen refunded, {change} yen change, {owed} yen owed"),
    "staff_day_unknown": M("本日の集計: センターに接続できません", "Today: the centre cannot be reached"),
    "staff_collect": M("トレイ回収", "Collect the trays"),
    "staff_coin_clear": M("コイン故障解除", "Coin vendor OK"),
    "staff_quit": M("端末を終了", "Shut down"),
    "card_tray_title": M("カードトレイ（デモ）", "Card tray (demo)"),
    "card_on_reader": M("リーダー上: {name}", "On the reader: {name}"),
    "card_reader_empty": M("リーダー上: なし", "On the reader: none"),
    "card_remove": M("カードを取る", "Take the card"),
    "card_not_in_tray": M("カードトレイにありません: {name}", "Not in the card tray: {name}"),
    "card_tries_left": M("残り{tries}回", "{tries} tries left"),
    # autoplay's captions (the staff demo)
    "caption_tap": M("「{label}」を押します", "Pressing “{label}”"),
    "caption_place_card": M("マイナンバーカードを置きます", "Placing the My Number card"),
    "caption_remove_card": M("カードを取ります", "Taking the card"),
    "caption_pin": M("暗証番号を入力します", "Entering the PIN"),
    "caption_copies": M("部数（{n}部）を入力します", "Entering the number of copies ({n})"),
    "caption_insert": M("{yen}円を入れます", "Putting in {yen} yen"),
    "caption_take_certificates": M("証明書を取ります", "Taking the certificates"),
    "caption_take_receipt": M("領収書を取ります", "Taking the receipt"),
    "caption_take_change": M("おつりを取ります", "Taking the change"),
    "caption_wait": M("{seconds}秒そのまま待ちます", "Waiting {seconds} seconds"),
    "caption_press": M("キー {name} を押します", "Pressing the {name} key"),
    "caption_restart": M("端末を再起動します", "Restarting the terminal"),
    "caption_expect": M("画面を確かめます", "Checking the screen"),
    "caption_again": M("もう一度最初から", "Once more from the start"),
    "card_status_locked": M("ロック中", "PIN locked"),
    "card_status_unreadable": M("（カードとして読めません）", "(not readable as a card)"),
    "card_status_suspended": M("一時停止中", "suspended"),
    "card_status_abolished": M("廃止", "abolished"),
    "card_status_invalidated": M("失効", "invalidated"),
    "card_status_face-auth": M("顔認証カード", "face-auth card"),
    "card_status_expired": M("カード期限切れ", "card expired"),
    "card_status_certificate-expired": M("電子証明書期限切れ", "certificate expired"),
    # kiosk verify
    "verify_cannot_read": M("読み取れません", "cannot read"),
}
