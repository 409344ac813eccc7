"""The screens' texts by key: Japanese first, then English, then Traditional Chinese.

The Chinese follows the wording of the My Number card's guide for foreign residents in
Traditional Chinese (個人編號卡, 密碼, 使用人認證電子證明書, 市區町村窗口, 便利店交付…).
"""

from __future__ import annotations

from kiosk.catalogue.msg import M, Msg
from kiosk.catalogue.dashboard import DASHBOARD_TEXTS
from kiosk.catalogue.services import SERVICE_TEXTS

TEXTS: dict[str, Msg] = {
    # Frame
    "title": M("証明書交付サービス", "Certificate issuance service", "證明書交付服務"),
    "quit": M("終了する", "Quit", "結束"),
    "confirm": M("確定する", "Confirm", "確定"),
    "back": M("前画面へ", "Back", "上一頁"),
    "ok": M("OK", "OK", "OK"),
    "yes": M("有", "Yes", "有"),
    "no": M("無", "No", "無"),
    "page_previous": M("前へ", "Previous", "上一頁"),
    "page_next": M("次へ", "Next", "下一頁"),
    "page_of": M("{page}/{pages}ページ", "Page {page}/{pages}", "第{page}/{pages}頁"),
    # Top and terms
    "top_prompt": M("ご利用になるサービスを選択してください。", "Choose a service.",
                    "請選擇要使用的服務。"),
    "admin_services": M("行政サービス", "Government services", "行政服務"),
    "copy_service": M("コピー", "Copy", "影印"),
    "print_service": M("プリント", "Print", "列印"),
    "terms_title": M("ご利用上の同意事項", "Terms of use", "使用同意事項"),
    "terms_body": M(
        "・マイナンバーカードと利用者証明用電子証明書の暗証番号（数字4ケタ）が必要です。\n"
        "・暗証番号を3回続けて誤るとロックされ、市区町村の窓口での手続きが必要です。\n"
        "・証明書・おつり・カードの取り忘れにご注意ください。\n"
        "・この端末には個人の情報は残りません。",
        "- You need your My Number card and its 4-digit user-authentication PIN.\n"
        "- Three wrong PINs in a row lock it; only the municipal counter can unlock it.\n"
        "- Do not forget your certificates, change or card.\n"
        "- No personal data remains on this machine.",
        "• 需要個人編號卡及使用人認證電子證明書的密碼（4位數字）。\n"
        "• 連續輸入錯誤密碼3次即被鎖定，須至市區町村窗口申請解除鎖定。\n"
        "• 請勿忘記取走證明書、找零及卡片。\n"
        "• 本終端機不會留下個人信息。",
    ),
    "agree": M("同意する", "I agree", "同意"),
    "disagree": M("同意しない", "I do not agree", "不同意"),
    # ①
    "menu_prompt": M("サービスを選択してください。", "Choose a service.", "請選擇服務。"),
    "certificate_service": M("証明書交付サービス", "Certificate issuance", "證明書交付服務"),
    "registration_service": M("戸籍証明書交付の利用登録申請",
                              "Register for family-register certificates",
                              "戶籍證明書交付的使用登記申請"),
    "pin_reset_service": M("署名用電子証明書の暗証番号初期化",
                           "Reset the signature certificate password",
                           "簽名用電子證明書的密碼初始化"),
    # ②
    "place_card_prompt": M("マイナンバーカードをカード置場に置いてください。",
                           "Place your My Number card on the card reader.",
                           "請將個人編號卡放在IC卡讀寫器上。"),
    "reading_card": M("カードを確認しています。カードを動かさないでください。",
                      "Checking the card. Do not move it.", "正在確認卡片。請勿移動卡片。"),
    # ③
    "municipality_prompt": M("証明書を交付する市区町村を選択してください。",
                             "Choose the municipality that issues the certificate.",
                             "請選擇交付證明書的市區町村。"),
    "scope_residence": M("お住まいの市区町村の証明書", "Certificates of where you live",
                         "居住地市區町村的證明書"),
    "scope_honseki": M("本籍地の市区町村の証明書", "Certificates of your domicile",
                       "本籍地市區町村的證明書"),
    # ④
    "pin_prompt": M("暗証番号（数字4ケタ）を入力し、「確定する」を押してください。",
                    "Enter your 4-digit PIN and press Confirm.",
                    "請輸入密碼（4位數字），並按「確定」。"),
    "pin_wrong": M("暗証番号が違います。残り{tries}回で暗証番号がロックされます。",
                   "Wrong PIN. {tries} more wrong entries lock it.",
                   "密碼錯誤。再輸入錯誤{tries}次，密碼將被鎖定。"),
    "pin_wrong_last": M("暗証番号が違います。残り1回で暗証番号がロックされます。",
                        "Wrong PIN. One more wrong entry locks it.",
                        "密碼錯誤。再輸入錯誤1次，密碼將被鎖定。"),
    "pin_need_four": M("数字4ケタを入力してください。", "Enter 4 digits.", "請輸入4位數字。"),
    "correct": M("訂正", "Clear", "清除"),              # the keypad's: clears what was typed
    "edit": M("訂正", "Change", "修改"),                # ⑩'s: goes back to change an item
    # ⑤
    "remove_card_prompt": M("マイナンバーカードを取り外してください。",
                            "Remove your My Number card.", "請取下個人編號卡。"),
    "remove_card_note": M("この操作以降、カードは使いません。お忘れにならないよう保管してください。",
                          "The card is not needed any more. Keep it with you.",
                          "此後不再使用卡片。請妥善保管，以免遺忘。"),
    # ⑥
    "certificate_prompt": M("取得する証明書を選択してください。", "Choose a certificate.",
                            "請選擇要取得的證明書。"),
    "municipality_line": M("交付市区町村: {name}", "Issued by: {name}", "交付市區町村：{name}"),
    "fee_per_copy": M("{fee}円", "{fee} yen", "{fee}日圓"),
    # ⑦
    "kind_prompt": M("交付種別を選択してください。", "Choose who the certificate covers.",
                     "請選擇交付種類。"),
    "members_prompt": M("記載する方を選択して「確定する」ボタンを押してください。",
                        "Choose the people to include and press Confirm.",
                        "請選擇要記載的人，並按「確定」按鈕。"),
    # ⑧
    "fields_prompt": M("証明書の記載項目を選択して「確定する」ボタンを押してください。",
                       "Choose what the certificate shows and press Confirm.",
                       "請選擇證明書的記載事項，並按「確定」按鈕。"),
    # ⑨
    "copies_prompt": M("必要な部数を入力し、「確定する」ボタンを押してください。",
                       "Enter the number of copies and press Confirm.",
                       "請輸入所需份數，並按「確定」按鈕。"),
    "copies_label": M("部数（最大10部）", "Copies (at most 10)", "份數（最多10份）"),
    "copies_unit": M("{n}部", "{n}", "{n}份"),
    # ⑩
    # one line at 80 columns: five items of three rows each fit 80×24 under it
    "confirm_prompt": M("発行内容を確認し「確定する」を押してください。直すときは「訂正」。",
                        "Check, then press Confirm. To change an item, press Change.",
                        "請確認發行內容並按「確定」。如需修改，請按「修改」。"),
    "item_certificate": M("証明書", "Certificate", "證明書"),
    "item_kind": M("交付種別", "Covers", "交付種類"),
    "item_members": M("記載する方", "People", "記載的人"),
    "item_fields": M("記載事項", "Shown", "記載事項"),
    "item_copies": M("必要部数", "Copies", "所需份數"),
    "item_total": M("合計金額", "Total", "合計金額"),
    "yen": M("{yen}円", "{yen} yen", "{yen}日圓"),
    "none": M("なし", "none", "無"),
    # ⑪
    "payment_prompt": M("料金をコインベンダに入金してください。", "Insert the fee into the coin slot.",
                        "請將費用投入投幣機。"),
    "payment_change_note": M("おつりは返却口から出ます。", "Change comes out of the return slot.",
                             "找零將從退幣口退出。"),
    "payment_due": M("お支払い金額", "Amount due", "應付金額"),
    "payment_inserted": M("投入金額", "Inserted", "已投入金額"),
    "payment_remaining": M("不足金額", "Remaining", "不足金額"),
    "coin_rejected": M("{yen}は使用できません。返却口からお取りください。",     # {yen}: 1円, 外国硬貨
                       "{yen} cannot be used. Take it from the return slot.",
                       "{yen}無法使用。請從退幣口取回。"),
    "coin_invalid_label": M("{yen}円(使用不可)", "{yen} yen (invalid)", "{yen}日圓(不可用)"),
    "coin_foreign": M("外国硬貨", "Foreign coin", "外國硬幣"),
    "coin_label": M("{yen}円", "{yen} yen", "{yen}日圓"),
    # ⑫
    "printing": M("証明書を印刷しています。", "Printing your certificates.", "正在列印證明書。"),
    "printing_progress": M("{done}／{total}部 印刷済み", "{done} of {total} printed",
                           "已列印 {done}／{total}份"),
    "print_fault_title": M("印刷を中断しました。", "Printing stopped.", "列印已中斷。"),
    "print_fault_detail": M(
        "{printed}部を印刷しました。印刷できなかった{unprinted}部の手数料{refund}円を返金します。",
        "{printed} printed. The fee for the {unprinted} not printed ({refund} yen) is refunded.",
        "已列印{printed}份。未能列印的{unprinted}份，將退還其手續費{refund}日圓。"),
    # ⑬
    "take_away": M("証明書をお取りください。", "Please take your certificates.", "請取走證明書。"),
    "voice_guiding": M("音声案内中", "Voice guidance playing", "語音導覽中"),
    "take_away_voice": M("証明書をお取りください。取り忘れにご注意ください。",
                         "Please take your certificates. Do not leave them behind.",
                         "請取走證明書。請勿忘記取走。"),
    "stop_voice": M("受け取りました（音声停止）", "Taken (stop voice)", "已取走（停止語音）"),
    # ⑭
    "receipt": M("領収書が出ますので、お取りください。", "Please take your receipt.",
                 "收據即將印出，請取走。"),
    "receipt_change": M("おつり{yen}円をお取りください。", "Take your change: {yen} yen.",
                        "請取走找零{yen}日圓。"),
    "receipt_refund": M("返金{yen}円をお取りください。", "Take your refund: {yen} yen.",
                        "請取走退款{yen}日圓。"),
    "finish": M("終了", "Done", "結束"),
    "thanks": M("ご利用ありがとうございました。", "Thank you.", "感謝您的使用。"),
    # Idle, session end, reminders
    "idle_prompt": M("続けますか？", "Do you want to continue?", "是否繼續？"),
    "idle_countdown": M("あと{seconds}秒で終了します。", "Ending in {seconds} seconds.",
                        "將於{seconds}秒後結束。"),
    "hours_line": M("証明書交付サービス ご利用時間 {opens}〜{closes}",
                    "Certificate service hours: {opens}–{closes}",
                    "證明書交付服務 服務時間 {opens}～{closes}"),
    # 終了する / 取消, asked first
    "confirm_quit_prompt": M("取り消しますか？", "Cancel and end?", "是否取消？"),
    "confirm_quit_money": M("投入されたお金は返金されます。", "The money you put in will be refunded.",
                            "已投入的金額將會退還。"),
    "confirm_quit_yes": M("はい", "Yes", "是"),
    "confirm_quit_no": M("いいえ", "No", "否"),
    "cancel": M("取消", "Cancel", "取消"),
    # 返金
    "refund_title": M("返金", "Refund", "退款"),
    "refund_take": M("返金{yen}円を返却口からお取りください。",
                     "Take your refund of {yen} yen from the return slot.",
                     "請從退幣口取走退款{yen}日圓。"),
    "refund_working": M("返金しています…", "Refunding…", "正在退款…"),
    "idle_continue": M("続ける", "Continue", "繼續"),
    "idle_end": M("終了する", "End", "結束"),
    "remind_card": M("カードをお取りください。", "Please take your card.", "請取走卡片。"),
    "remind_change": M("おつり・返却金{yen}円をお取りください。", "Please take your money: {yen} yen.",
                       "請取走找零、退款{yen}日圓。"),
    "remind_prints": M("証明書・領収書をお取りください。", "Please take your certificates and receipt.",
                       "請取走證明書及收據。"),
    "take_items": M("受け取りました", "Taken", "已取走"),
    # Staff
    "staff_title": M("係員メニュー", "Staff panel", "工作人員選單"),
    "staff_card_tray": M("カードトレイ", "Card tray", "卡片托盤"),
    "staff_fault_none": M("プリンタ正常", "Printer OK", "印表機正常"),
    "staff_fault_paper_out": M("用紙切れにする", "Paper out", "設為缺紙"),
    "staff_fault_jam": M("紙詰まりにする", "Paper jam", "設為卡紙"),
    "staff_lang": M("次の言語へ", "Next language", "下一個語言"),   # 日本語 → English → 中文 → 日本語
    "staff_close": M("閉じる", "Close", "關閉"),
    "staff_quit": M("端末を終了", "Shut down", "關閉終端機"),
    "card_tray_title": M("カードトレイ（デモ）", "Card tray (demo)", "卡片托盤（示範）"),
    "card_on_reader": M("リーダー上: {name}", "On the reader: {name}", "讀寫器上：{name}"),
    "card_reader_empty": M("リーダー上: なし", "On the reader: none", "讀寫器上：無"),
    "card_remove": M("カードを取る", "Take the card", "取走卡片"),
    "card_not_in_tray": M("カードトレイにありません: {name}", "Not in the card tray: {name}",
                          "卡片托盤中沒有：{name}"),
    "staff_printer": M("プリンタ: {state}", "Printer: {state}", "印表機：{state}"),
    "staff_coins": M("コインベンダ: {state}", "Coin vendor: {state}", "投幣機：{state}"),
    "staff_device_ok": M("正常", "OK", "正常"),
    "staff_clock": M("時計: {now}", "Clock: {now}", "時鐘：{now}"),
    "staff_day": M("本日: 取引{sessions}件 {copies}部 入金{yen_in}円 手数料{fees}円 返金{refunds}円"
                   " おつり{change}円 未返金{owed}円",
                   "Today: {sessions} sessions, {copies} copies, {yen_in} yen in, {fees} yen fees,"
                   " {refunds} yen refunded, {change} yen change, {owed} yen owed",
                   "本日：交易{sessions}件 {copies}份 投入{yen_in}日圓 手續費{fees}日圓 退款{refunds}日圓"
                   " 找零{change}日圓 未退款{owed}日圓"),
    "staff_day_unknown": M("本日の集計: センターに接続できません", "Today: the centre cannot be reached",
                           "本日統計：無法連線至中心"),
    "staff_collect": M("トレイ回収", "Collect the trays", "回收托盤"),
    "staff_coin_clear": M("コイン故障解除", "Coin vendor OK", "解除投幣機故障"),
    "staff_coin_refill": M("釣銭補充", "Refill change", "補充找零"),
    "staff_coin_stock": M("釣銭: {stock}", "Change: {stock}", "找零：{stock}"),
    "staff_coin_count": M("{unit}円×{n}", "{unit} yen × {n}", "{unit}日圓×{n}"),
    "card_tries_left": M("残り{tries}回", "{tries} tries left", "剩餘{tries}次"),
    # The on-screen keyboards and lists of the two other services (kiosk/app/widgets)
    "delete_last": M("訂正", "Delete", "刪除"),           # a keyboard's: the last character goes
    "clear_all": M("全部消す", "Clear all", "全部清除"),
    "kana_voiced": M("濁点", "Voiced", "濁音"),           # on the key after ゛: カ→ガ
    "kana_semi_voiced": M("半濁点", "Semi-voiced", "半濁音"),  # after ゜: ハ→パ
    "kana_small": M("小書き", "Small kana", "小寫假名"),   # ツ→ッ, ヤ→ャ
    "kana_space": M("空白", "Space", "空格"),              # 姓と名の間
    "kana_count": M("{n}/{most}文字", "{n}/{most} characters", "{n}/{most}字"),
    "secret_rule": M("英大文字と数字をそれぞれ1文字以上含む6〜16文字",
                     "6 to 16 capital letters and digits, at least one of each",
                     "6〜16個字元，須同時包含大寫英文字母及數字"),
    # autoplay's captions (the staff demo)
    "caption_tap": M("「{label}」を押します", "Pressing “{label}”", "按下「{label}」"),
    "caption_place_card": M("マイナンバーカードを置きます", "Placing the My Number card", "放置個人編號卡"),
    "caption_remove_card": M("カードを取ります", "Taking the card", "取走卡片"),
    "caption_pin": M("暗証番号を入力します", "Entering the PIN", "輸入密碼"),
    "caption_copies": M("部数（{n}部）を入力します", "Entering the number of copies ({n})",
                        "輸入份數（{n}份）"),
    "caption_insert": M("{yen}円を入れます", "Putting in {yen} yen", "投入{yen}日圓"),
    "caption_take_certificates": M("証明書を取ります", "Taking the certificates", "取走證明書"),
    "caption_take_receipt": M("領収書を取ります", "Taking the receipt", "取走收據"),
    "caption_take_change": M("おつりを取ります", "Taking the change", "取走找零"),
    "caption_wait": M("{seconds}秒そのまま待ちます", "Waiting {seconds} seconds", "等待{seconds}秒"),
    "caption_press": M("キー {name} を押します", "Pressing the {name} key", "按下 {name} 鍵"),
    "caption_restart": M("端末を再起動します", "Restarting the terminal", "重新啟動終端機"),
    "caption_expect": M("画面を確かめます", "Checking the screen", "確認畫面"),
    "caption_again": M("もう一度最初から", "Once more from the start", "從頭再來一次"),
    "card_status_locked": M("ロック中", "PIN locked", "已鎖定"),
    "card_status_unreadable": M("（カードとして読めません）", "(not readable as a card)",
                                "（無法讀取為卡片）"),
    "card_status_suspended": M("一時停止中", "suspended", "暫停中"),
    "card_status_abolished": M("廃止", "abolished", "已廢止"),
    "card_status_invalidated": M("失効", "invalidated", "已失效"),
    "card_status_face-auth": M("顔認証カード", "face-auth card", "臉部認證卡"),
    "card_status_expired": M("カード期限切れ", "card expired", "卡片已過期"),
    "card_status_certificate-expired": M("電子証明書期限切れ", "certificate expired", "電子證明書已過期"),

    # kiosk verify
    "verify_cannot_read": M("読み取れません", "cannot read", "無法讀取"),
    **SERVICE_TEXTS,
    **DASHBOARD_TEXTS,
}

# The katakana of the 筆頭者 keyboard (kiosk/app/widgets/kana.py): characters to type, the
# same whatever the language shown, so kept here by themselves rather than as texts in three.
#: The 五十音 by 行, five places ア イ ウ エ オ each ("" an empty place; ワ行 ends with ー and
#: the full-width space between 姓 and 名).
KANA_ROWS: tuple[tuple[str, ...], ...] = (
    ("ア", "イ", "ウ", "エ", "オ"), ("カ", "キ", "ク", "ケ", "コ"), ("サ", "シ", "ス", "セ", "ソ"),
    ("タ", "チ", "ツ", "テ", "ト"), ("ナ", "ニ", "ヌ", "ネ", "ノ"), ("ハ", "ヒ", "フ", "ヘ", "ホ"),
    ("マ", "ミ", "ム", "メ", "モ"), ("ヤ", "", "ユ", "", "ヨ"), ("ラ", "リ", "ル", "レ", "ロ"),
    ("ワ", "ヲ", "ン", "ー", "\u3000"),
)
#: 濁点: each plain one over its voiced one (ウ → ヴ too).
KANA_PLAIN = "カキクケコサシスセソタチツテトハヒフヘホウ"
KANA_VOICED = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ"
#: 半濁点: ハ行, バ行, パ行.
KANA_HA, KANA_BA, KANA_PA = "ハヒフヘホ", "バビブベボ", "パピプペポ"
#: 小書き: each big one over its small one.
KANA_BIG, KANA_SMALL = "アイウエオツヤユヨワ", "ァィゥェォッャュョヮ"
#: The marks on the 濁点 and 半濁点 keys, and as typed on a keyboard.
KANA_VOICED_MARK, KANA_SEMI_VOICED_MARK = "゛", "゜"
