"""The catalogue: a Japanese, an English and a Traditional Chinese text for every reason,
certificate, kind, field and verdict, and which language is shown beneath which."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from backend.api import CertificateCode, IssuanceKind, PrintedField, Scope
from backend.reasons import Reason
from certificates_templates.pdf_guard import Refusal
from certificates_templates.verification import Verdict, VerifyResult
from kiosk import catalogue

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
KANA = re.compile(r"[\u3040-\u30ff]")     # Japanese only: never in the Chinese
# Simplified forms the kiosk's Chinese would use if it were not Traditional (证 for 證…).
SIMPLIFIED = re.compile("[证书请选择码为们说个发区务费额时间钱币张数确认输错误锁录项进单领号读写户页"
                        "机关纸处颁续终结东过还应无这开从与动将显记载须变换钞复]")
PLACEHOLDERS = re.compile(r"{(\w+)}")


def _check(m: catalogue.Msg) -> None:
    assert m.ja.strip() and m.en.strip() and m.zh.strip(), m
    assert JAPANESE.search(m.ja) or m.ja == m.en, m.ja
    assert not JAPANESE.search(m.en), m.en
    assert JAPANESE.search(m.zh) or m.zh == m.en, m.zh       # (OK reads OK in all three)
    assert not KANA.search(m.zh), f"Japanese kana in the Chinese: {m.zh}"
    assert not SIMPLIFIED.search(m.zh), f"a Simplified character in the Chinese: {m.zh}"
    fields = [sorted(PLACEHOLDERS.findall(text)) for text in (m.ja, m.en, m.zh)]
    assert fields[0] == fields[1] == fields[2], m


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_its_own_message(reason: Reason) -> None:
    assert reason in catalogue.REASONS, f"no text for {reason!r}"
    _check(catalogue.reason_message(reason))


@pytest.mark.parametrize("table, enum", [
    (catalogue.CERTIFICATES, CertificateCode), (catalogue.KINDS, IssuanceKind),
    (catalogue.FIELDS, PrintedField), (catalogue.FIELDS_SHORT, PrintedField), (catalogue.SCOPES, Scope),
])
def test_every_domain_value_has_a_name(table, enum) -> None:
    assert set(table) == set(enum)
    for m in table.values():
        _check(m)


def test_every_verdict_of_kiosk_verify_is_worded() -> None:
    assert set(catalogue.VERDICTS) == set(Verdict) - {Verdict.REFUSED}   # worded by refusal
    assert set(catalogue.REFUSALS) == set(Refusal)
    results = [VerifyResult(v) for v in catalogue.VERDICTS]
    results += [VerifyResult(Verdict.REFUSED, refusal=r) for r in Refusal]
    for result in results:
        _check(catalogue.verdict_message(result))


def test_every_text_is_in_the_three_languages_and_formats_alike() -> None:
    assert len(catalogue.TEXTS) >= 100                    # the whole table, not a part of it
    for key, m in catalogue.TEXTS.items():
        try:
            _check(m)
        except AssertionError as failed:
            raise AssertionError(f"{key}: {failed}") from None


@pytest.mark.parametrize("broken", [
    catalogue.Msg("終了する", "Quit", ""),                      # no Chinese
    catalogue.Msg("終了する", "Quit", "終了する"),              # Japanese left in
    catalogue.Msg("証明書", "Certificate", "证明书"),           # Simplified
    catalogue.Msg("{n}部", "{n}", "{count}份"),                 # another placeholder
])
def test_the_check_finds_a_missing_or_wrong_chinese_text(broken: catalogue.Msg) -> None:
    with pytest.raises(AssertionError):
        _check(broken)


def test_primary_and_secondary_follow_the_language() -> None:
    m = catalogue.msg("pin_wrong", tries=2)
    assert m.get("ja") == "暗証番号が違います。残り2回で暗証番号がロックされます。"
    assert m.get("en").startswith("Wrong PIN. 2 ")
    assert m.get("zh") == "密碼錯誤。再輸入錯誤2次，密碼將被鎖定。"
    # English beneath Japanese; the official Japanese beneath English and beneath Chinese
    assert m.secondary("ja") == m.get("en")
    assert m.secondary("en") == m.get("ja") and m.secondary("zh") == m.get("ja")
    with pytest.raises(ValueError):
        m.get("fr")


def test_each_language_is_named_in_itself() -> None:
    assert catalogue.LANGUAGE_NAMES == {"ja": "日本語", "en": "English", "zh": "中文"}
    assert tuple(catalogue.LANGUAGE_NAMES) == catalogue.LANGUAGES == tuple(catalogue.SECONDARY)


def _japanese_literals(source: str) -> list[str]:
    """The Japanese string literals of `source` that are not docstrings, with their lines."""
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr)}
    return [f"{node.lineno} {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and JAPANESE.search(node.value)]


def test_screens_hold_no_text_of_their_own() -> None:
    """User-facing strings come from the catalogue: no Japanese literals in the app's or the
    terminal's code."""
    kiosk_dir = Path(catalogue.__file__).parents[1]
    paths = [p for part in ("app", "terminal") for p in (kiosk_dir / part).rglob("*.py")]
    assert len(paths) > 20, f"too little code under {kiosk_dir}"   # a wrong folder passes unread
    offenders = [f"{path.name}:{found}" for path in paths
                 for found in _japanese_literals(path.read_text())]
    assert offenders == []


def test_the_text_check_finds_a_japanese_literal_but_not_a_docstring() -> None:
    source = textwrap.dedent('''\
        """画面の説明"""


        def end():
            """説明"""
            return "終了する"
    ''')
    assert _japanese_literals(source) == ["6 '終了する'"]
