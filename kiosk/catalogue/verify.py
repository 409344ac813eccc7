"""`kiosk verify`'s verdicts, why a file was not checked at all, and where it was altered."""

from __future__ import annotations

from certificates_templates.findings import Difference, Kind
from certificates_templates.pdf_guard import LIMITS, MiB, Refusal
from certificates_templates.verification import Verdict, VerifyResult
from kiosk.catalogue.msg import M, Msg

#: `kiosk verify`'s verdicts.
VERDICTS: dict[Verdict, Msg] = {
    Verdict.GENUINE: M("本物", "genuine", "真品"),
    Verdict.ALTERED: M("内容が改ざんされています", "the content was altered after issue",
                       "內容已遭竄改"),
    Verdict.BAD_SIGNATURE: M("検証コードの署名が正しくありません", "the signature is wrong",
                             "驗證碼的簽章不正確"),
    Verdict.UNKNOWN_ISSUER: M("発行元の公開鍵が見つかりません",
                              "no public key for this municipality (KIOSK_HOME or --keys)",
                              "找不到發行機關的公開金鑰"),
    Verdict.NO_CODE: M("検証コードがありません", "no verification code", "沒有驗證碼"),
    Verdict.DAMAGED_CODE: M("裏面の符号が読み取れません（欠けているか、損なわれています）",
                            "the codes on the back cannot be read whole (missing or damaged)",
                            "無法完整讀取背面的條碼（缺少或已損壞）"),
    Verdict.OTHER_LAYOUT: M("この証明書は別の版の様式で発行されたため、ここでは照合できません",
                            "issued with another version of the layouts: cannot be compared here",
                            "此證明書以其他版本的格式發行，無法在此比對"),
    Verdict.UNREADABLE: M("PDFとして読み取れません", "not a readable PDF", "無法作為PDF讀取"),
}

#: Why a PDF was not checked at all: beyond a limit of certificates_templates.pdf_guard.
REFUSALS: dict[Refusal, Msg] = {
    Refusal.FILE_TOO_LARGE: M("ファイルが大きすぎるため検証しません（{mib} MiBまで）",
                              "too large to check (at most {mib} MiB)",
                              "檔案過大，不予驗證（上限{mib} MiB）"),
    Refusal.TOO_MANY_PAGES: M("ページが多すぎるため検証しません（{pages}ページまで）",
                              "too many pages to check (at most {pages})",
                              "頁數過多，不予驗證（上限{pages}頁）"),
    Refusal.TOO_DEEP: M("PDFの入れ子が深すぎるため検証しません",
                        "nested too deep to check", "PDF的巢狀層級過深，不予驗證"),
    Refusal.STREAM_TOO_LARGE: M("圧縮されたデータが大きく展開されるため検証しません",
                                "its compressed data expands too far to check",
                                "壓縮資料展開後過大，不予驗證"),
    Refusal.TOO_MUCH_TEXT: M("文字が多すぎるため検証しません", "too much text to check",
                             "文字過多，不予驗證"),
    Refusal.OUT_OF_MEMORY: M("読み取りにメモリを使いすぎるため検証を中止しました",
                             "reading it took too much memory: not checked",
                             "讀取時使用過多記憶體，已中止驗證"),
    Refusal.OUT_OF_TIME: M("読み取りに時間がかかりすぎるため検証を中止しました（{seconds}秒まで）",
                           "reading it took too long (over {seconds} s): not checked",
                           "讀取耗時過久，已中止驗證（上限{seconds}秒）"),
    Refusal.PAGE_TOO_LARGE: M("ページが大きすぎるため検証しません（一辺{points}ポイントまで）",
                              "a page is too large to check (at most {points} points a side)",
                              "頁面過大，不予驗證（每邊上限{points}點）"),
    Refusal.TOO_MANY_OBJECTS: M("ページの描画要素が多すぎるため検証しません（{objects}個まで）",
                                "a page draws too many objects to check (at most {objects})",
                                "頁面的繪圖元素過多，不予驗證（上限{objects}個）"),
}

#: `kiosk verify --keys DIR` with no such directory.
NO_KEYS = M("公開鍵のディレクトリがありません", "no such directory of public keys",
            "沒有公開金鑰的目錄")

# A PDF page as the paper has it: each sheet's front, then its back (toolkit/back.py).
_FRONT = M("{sheet}枚目の表面", "sheet {sheet}, front", "第{sheet}張正面")
_SHEET_BACK = M("{sheet}枚目の裏面", "sheet {sheet}, back", "第{sheet}張背面")
_BACK = M("裏面", "the back", "背面")
_WHERE: dict[Kind, Msg] = {
    Kind.AREA: M("{page}の左から{x}mm・上から{y}mm（幅{w}mm・高さ{h}mm）が異なります",
                 "{page}: differs {x} mm from the left, {y} mm from the top ({w} × {h} mm)",
                 "{page}距左{x}mm、距上{y}mm處（寬{w}mm×高{h}mm）與原本不同"),
    Kind.TEXT: M("{page}の文字情報（検索・コピーで得られる文字）が証明書の記録と異なります",
                 "{page}: its text (what search and copy give) is not the certificate's",
                 "{page}的文字資料（搜尋、複製所得的文字）與證明書的記錄不同"),
    Kind.PAGES: M("ページ数が異なります（{found}ページ、発行時は{expected}ページ）",
                  "{found} pages where the certificate has {expected}",
                  "頁數不同（{found}頁，發行時為{expected}頁）"),
    Kind.BACK_PAGE: M("裏面がこの証明書のものではありません",
                      "the back page is not this certificate's", "背面不屬於此證明書"),
    Kind.RECORD: M("裏面の記録から証明書を再現できません",
                   "the certificate cannot be drawn from the record on the back",
                   "無法從背面的記錄重現證明書"),
}


def verdict_message(result: VerifyResult) -> Msg:
    """The verdict, or why the file was not checked at all."""
    if result.refusal is None:
        return VERDICTS[result.verdict]
    return REFUSALS[result.refusal].format(
        mib=LIMITS.file_bytes // MiB, pages=LIMITS.pages, seconds=f"{LIMITS.seconds:g}",
        points=f"{LIMITS.page_points:g}", objects=f"{LIMITS.page_objects:,}")


def difference_messages(result: VerifyResult) -> list[Msg]:
    """Where the PDF differs from the certificate its record draws, one message each."""
    return [_where(d) for d in result.differences]


def _where(d: Difference) -> Msg:
    sheet = (d.page + 1) // 2
    page = (_BACK if not d.page else _SHEET_BACK.format(sheet=sheet)) if d.back else \
        _FRONT.format(sheet=sheet)
    return Msg.per_language(lambda lang: _WHERE[d.kind].get(lang).format(
        page=page.get(lang), x=d.x_mm, y=d.y_mm, w=d.w_mm, h=d.h_mm, found=d.found,
        expected=d.expected))
