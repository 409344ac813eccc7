"""The catalogue: a Japanese and an English text for every reason, certificate, kind, field."""

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


def _check(m: catalogue.Msg) -> None:
    assert m.ja.strip() and m.en.strip()
    assert JAPANESE.search(m.ja) or m.ja == m.en, m.ja
    assert not JAPANESE.search(m.en), m.en


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


def test_every_text_is_bilingual_and_formats_alike() -> None:
    for key, m in catalogue.TEXTS.items():
        _check(m)
        fields = lambda s: sorted(re.findall(r"{(\w+)}", s))  # noqa: E731
        assert fields(m.ja) == fields(m.en), key


def test_primary_and_secondary_follow_the_language() -> None:
    m = catalogue.msg("pin_wrong", tries=2)
    assert m.get("ja") == "暗証番号が違います。残り2回で暗証番号がロックされます。"
    assert m.get("en").startswith("Wrong PIN. 2 ") and m.other("en") == m.get("ja")


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
