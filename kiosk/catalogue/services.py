"""The words of ①'s two free services: 戸籍証明書交付の利用登録申請 (leaflet 002 p.9) and
署名用電子証明書の暗証番号初期化 (leaflets 001 §3③, 002 p.7); zh as leaflet 004 words them."""

from __future__ import annotations

from kiosk.catalogue.msg import M, Msg

SERVICE_TEXTS: dict[str, Msg] = {
    # 利用登録申請
    "registration_step": M("利用登録申請", "Registration", "使用登記申請"),
    "prefecture_prompt": M("本籍地の都道府県を選択してください。",
                           "Choose the prefecture of your registered domicile (honseki).",
                           "請選擇本籍地的都道府縣。"),
    "honseki_prompt": M("本籍地の市区町村を選択してください。",
                        "Choose the municipality of your registered domicile.",
                        "請選擇本籍地的市區町村。"),
    "hittosha_prompt": M("本籍地の戸籍の筆頭者の氏名をカタカナで入力してください。",
                         "Enter the name of the head of the family register, in katakana.",
                         "請以片假名輸入本籍地戶籍筆頭者的姓名。"),
    "registration_confirm_prompt": M(
        "申請内容を確認して「申請する」を押してください。",
        "Check the application, then press Apply.", "請確認申請內容並按「申請」。"),
    "registration_honseki": M("本籍地", "Domicile", "本籍地"),
    "registration_hittosha": M("筆頭者", "Head of register", "筆頭者"),
    "registration_apply": M("申請する", "Apply", "申請"),
    "registration_note": M("申請は本籍地の市区町村が戸籍と照らし合わせて審査します。",
                           "Your domicile's municipality checks the application against "
                           "its family register.",
                           "本籍地的市區町村將對照戶籍審查申請。"),
    "registration_done": M("利用登録申請を受け付けました。", "Your application is received.",
                           "已受理使用登記申請。"),
    "registration_number": M("受付番号 {number}", "Reference {number}", "受理編號 {number}"),
    "registration_slip": M("申請受付票を取り出し口からお取りください。",
                           "Please take the application slip from the output tray.",
                           "請從出紙口取走申請受理單。"),
    "registration_next": M(
        "審査の結果は{day}ごろまでに出ます。登録後は「証明書交付サービス」の「本籍地の市区町村の"
        "証明書」から戸籍証明書を取得できます。",
        "A decision is due by about {day}. Once registered, get family-register certificates "
        "from Certificates, under your domicile's municipality.",
        "審查結果約於{day}前產生。登記後可從「證明書交付服務」的「本籍地市區町村的證明書」取得戶籍證明書。"),
    "registration_next_staff": M(
        "登録後は「証明書交付サービス」の「本籍地の市区町村の証明書」から戸籍証明書を取得できます。",
        "Once registered, get family-register certificates from Certificates, under your "
        "domicile's municipality.",
        "登記後可從「證明書交付服務」的「本籍地市區町村的證明書」取得戶籍證明書。"),
    # 暗証番号初期化
    "pin_reset_step": M("暗証番号初期化", "Password reset", "密碼初始化"),
    "new_signing_pin_prompt": M("新しい署名用電子証明書の暗証番号を入力してください。",
                                "Enter the new signature certificate password.",
                                "請輸入新的簽名用電子證明書密碼。"),
    "new_signing_pin_again": M("確認のため、もう一度入力してください。",
                               "Enter it once more, to be sure.", "為確認，請再輸入一次。"),
    "keep_card_on": M("カードはカード置場に置いたままにしてください。",
                      "Keep the card on the reader.", "請將卡片留在讀寫器上。"),
    "pin_resetting": M("暗証番号を初期化しています。カードを動かさないでください。",
                       "Resetting the password. Do not move the card.",
                       "正在初始化密碼。請勿移動卡片。"),
    "pin_reset_done": M("署名用電子証明書の暗証番号を初期化しました。",
                        "The signature certificate password is reset.",
                        "已初始化簽名用電子證明書的密碼。"),
    "pin_reset_tries": M("新しい暗証番号で{tries}回まで入力できます。",
                         "The new password allows {tries} tries.", "新密碼可輸入{tries}次。"),
    "caption_type": M("キーボードで入力します", "Typing on the keyboard", "以鍵盤輸入"),
    "caption_reserve": M("スマートフォンのアプリで初期化を予約します",
                         "Reserving the reset in the smartphone app", "以智慧型手機應用程式預約初始化"),
    "take_card": M("カードをお取りください。", "Please take your card.", "請取走卡片。"),
}

__all__ = ["SERVICE_TEXTS"]
