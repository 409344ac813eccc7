"""`kiosk verify`'s verdicts, and why a file was not checked at all."""

from __future__ import annotations

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
                              "no public key for this municipality in KIOSK_HOME",
                              "找不到發行機關的公開金鑰"),
    Verdict.NO_CODE: M("検証コードがありません", "no verification code", "沒有驗證碼"),
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
}


def verdict_message(result: VerifyResult) -> Msg:
    """The verdict, or why the file was not checked at all."""
    if result.refusal is None:
        return VERDICTS[result.verdict]
    return REFUSALS[result.refusal].format(
        mib=LIMITS.file_bytes // MiB, pages=LIMITS.pages, seconds=f"{LIMITS.seconds:g}")
