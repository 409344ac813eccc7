"""The top screen's 日本語 / English / 中文: each named in itself, the one shown marked by ◉ (not
only by colour); a tap puts the screens in that language, with the official Japanese beneath,
until the session ends; staff move the kiosk's own language on from the F12 panel."""

from __future__ import annotations

from kiosk.catalogue import msg
from tests.app.conftest import SIZE, Drive


def _lines(kiosk: Drive) -> list[str]:
    return [line.strip() for line in kiosk.text().splitlines()]


def _marked(kiosk: Drive) -> dict[str, str]:
    """Each language button's label, by language."""
    return {lang: str(kiosk.app.screen.query_one(f"#lang-{lang}").label)
            for lang in ("ja", "en", "zh")}


async def test_the_language_buttons_name_each_language_in_itself(kiosk) -> None:
    assert _marked(kiosk) == {"ja": "◉ 日本語", "en": "○ English", "zh": "○ 中文"}
    for lang in ("ja", "en", "zh"):
        button = kiosk.app.screen.query_one(f"#lang-{lang}")
        assert button.region.height == 3 and button.region.width >= 12     # a finger's size
    assert kiosk.app.screen.query_one("#lang-ja").variant == "primary"    # and its colour


async def test_a_tap_on_chinese_shows_chinese_with_the_japanese_beneath(kiosk) -> None:
    kiosk.mouse = True                                    # a real tap, as a finger's
    await kiosk.tap("#lang-zh")
    assert kiosk.app.terminal.lang == "zh"
    assert _marked(kiosk) == {"ja": "○ 日本語", "en": "○ English", "zh": "◉ 中文"}
    lines = _lines(kiosk)
    prompt = msg("top_prompt")
    assert lines.index(prompt.zh) + 1 == lines.index(prompt.ja)          # Japanese beneath
    assert prompt.en not in kiosk.text()
    assert "證明書交付服務" in lines[0] and "行政服務" in kiosk.text()
    await kiosk.tap("#admin_services")                    # the session goes on in Chinese
    assert "使用同意事項" in kiosk.text() and "ご利用上の同意事項" in kiosk.text()


async def test_the_next_person_starts_in_japanese(kiosk) -> None:
    await kiosk.tap("#lang-zh")
    await kiosk.tap("#admin_services")
    await kiosk.tap("#agree")
    await kiosk.tap("#certificate_service")
    assert "請將個人編號卡放在IC卡讀寫器上。" in kiosk.text()
    await kiosk.quit()
    assert kiosk.screen == "top" and kiosk.app.view.lang == "ja"
    assert _marked(kiosk)["ja"] == "◉ 日本語"
    lines = _lines(kiosk)
    prompt = msg("top_prompt")
    assert lines.index(prompt.ja) + 1 == lines.index(prompt.en)          # English beneath


async def test_english_has_the_japanese_beneath_and_chinese_too(make_kiosk, clock) -> None:
    app = make_kiosk(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        assert _marked(kiosk)["en"] == "◉ English"
        lines, prompt = _lines(kiosk), msg("top_prompt")
        assert lines.index(prompt.en) + 1 == lines.index(prompt.ja)
        await kiosk.tap("#lang-zh")
        await kiosk.tap("#lang-zh")                       # the one shown: nothing changes
        lines = _lines(kiosk)
        assert lines.index(prompt.zh) + 1 == lines.index(prompt.ja)
        await kiosk.tap("#lang-en")
        assert kiosk.app.view.lang == "en"


async def test_staff_move_the_language_on_from_the_panel(kiosk) -> None:
    seen = []
    for _ in range(3):
        await kiosk.keys("f12")
        assert kiosk.screen == "staff"
        await kiosk.tap("#staff-lang")
        seen.append((kiosk.app.view.lang, kiosk.app.screen.query_one("#title").content))
    assert [lang for lang, _ in seen] == ["en", "zh", "ja"]
    assert [str(title) for _, title in seen] == [
        "Certificate issuance service", "證明書交付服務", "証明書交付サービス"]
