"""The words of `kiosk centre top`, the staff's view of the live fleet (稼働状況)."""

from __future__ import annotations

from kiosk.catalogue.msg import M, Msg

DASHBOARD_TEXTS: dict[str, Msg] = {
    "top_title": M("コンビニ交付 稼働状況", "Convenience-store issuance: the fleet",
                   "超商交付 運作狀況"),
    "top_kiosks": M("稼働端末", "Kiosks seen", "運作中的終端機"),
    "top_open": M("利用中", "Sessions in progress", "使用中"),
    "top_today": M("本日の利用", "Sessions today", "本日使用次數"),
    "top_rate": M("利用/秒 {rate}", "Sessions/s {rate}", "使用次數/秒 {rate}"),
    "top_yen_in": M("入金(円)", "Yen in", "投入金額(日圓)"),
    "top_yen_out": M("釣銭・返金(円)", "Change and refunds (yen)", "找零及退款(日圓)"),
    "top_owed": M("払戻し未済 {count}件 {yen}円", "Owed refunds: {count}, {yen} yen",
                  "未退款 {count}件 {yen}日圓"),
    "top_errors": M("印刷エラー", "Print errors", "列印錯誤"),
    "top_municipality": M("市区町村", "Municipality", "市區町村"),
    "top_copies": M("交付枚数", "Copies issued", "交付張數"),
    "top_updated": M("{at} 更新", "Updated {at}", "{at} 更新"),
    "top_unreadable": M("データベースを読めません: {error}", "Cannot read the database: {error}",
                        "無法讀取資料庫: {error}"),
    "top_quit": M("終了", "Quit", "結束"),
}
