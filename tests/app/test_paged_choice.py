"""The 本籍地 lists (`PagedChoice`) in a step's frame at 80×24, 120×40 and 200×60: the 47 都道府県
and a long list of 市区町村 as big buttons, every one whole, on screen and a finger's size, the
pages reaching each, the pager in the same place; a choice that cannot be chosen shown with
its note; `Chosen` carrying the id."""

from __future__ import annotations

import pytest

from kiosk.app.widgets.paged_choice import Choice, PagedChoice
from kiosk.catalogue import LANGUAGES
from tests.app.widget_demo import SIZES, Demo, Look, tour_fits

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
PREFECTURES = ("北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 "
               "東京都 神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 "
               "滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 "
               "香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県").split()
BY_CODE = [Choice(f"{n:02d}", name) for n, name in enumerate(PREFECTURES, start=1)]
BY_NAME = [Choice(name, name) for name in PREFECTURES]          # ids as the centre lists them
OSAKA = [Choice("272019", "堺市"), Choice("272060", "泉大津市"),
         Choice("272191", "和泉市", enabled=False, note="お住まいの方のみ"),
         Choice("272213", "柏原市", enabled=False, note="コンビニ交付なし"),
         *(Choice(f"27{n:04d}", f"{name}市") for n, name in enumerate(
             "岸和田 豊中 池田 吹田 高槻 貝塚 守口 枚方 茨木 八尾 泉佐野 富田林 寝屋川 河内長野 松原 "
             "大東 箕面 羽曳野 門真 摂津 高石 藤井寺 東大阪 泉南 四條畷 交野 大阪狭山 阪南".split(),
             start=3000))]


def demo(choices, lang: str = "ja", **kwargs) -> Demo:
    return Demo(lambda lang: PagedChoice(lang, choices, **kwargs), lang,
                prompt="registration_service")


@pytest.mark.parametrize("choices", [BY_CODE, BY_NAME, OSAKA], ids=["47", "by name", "osaka"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_choice_fits_and_the_pages_reach_each(lang, size, choices) -> None:
    app = demo(choices, lang)
    async with app.run_test(size=size) as pilot:
        # the pager stays, on the last page too, however short
        pages = await tour_fits(Look(app, pilot), ("page-previous", "page-next", "back", "quit"))
    shown = [[b for b in page.buttons if b.startswith("choice-")] for page in pages]
    assert [b for page in shown for b in page] == [PagedChoice.button_id(c.id) for c in choices]


@pytest.mark.parametrize("size, pages", [((80, 24), 4), ((120, 40), 1), ((200, 60), 1)],
                         ids=SIZE_IDS)
async def test_the_47_prefectures_take_few_pages(size, pages) -> None:
    app = demo(BY_CODE)
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert app.query_one(PagedChoice).paging.pages == pages
        assert look.shown("#page-number") == (pages > 1)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_a_tap_posts_the_choice_and_a_disabled_one_shows_why(size) -> None:
    app = demo(OSAKA)
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert "和泉市（お住まいの方のみ）" in look.text() and "柏原市（コンビニ交付なし）" in look.text()
        izumi = look.button("#choice-272191")
        assert izumi.disabled
        izumi.press()                                # a finger on it does nothing
        await look.tap("#choice-272060")
        while not look.shown("#choice-273027"):      # 阪南市, the last
            await look.tap("#page-next")
        await look.tap("#choice-273027")
        assert look.values(PagedChoice.Chosen, "choice_id") == ["272060", "273027"]


async def test_a_name_as_the_id() -> None:
    assert PagedChoice.button_id("27") == "choice-27"
    assert PagedChoice.button_id("大阪府") == "choice-x5927-962a-5e9c"
    app = demo(BY_NAME)
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.tap(f"#{PagedChoice.button_id('秋田県')}")
        assert look.values(PagedChoice.Chosen, "choice_id") == ["秋田県"]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_coming_back_the_one_chosen_is_marked_and_in_sight(size) -> None:
    app = demo(BY_CODE, chosen="46")                 # 鹿児島県, on the last page at 80×24
    async with app.run_test(size=size) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert look.shown("#choice-46")
        assert "◉ 鹿児島県" in look.text() and "○ 沖縄県" in look.text()
        assert "◉" not in str(look.button("#choice-47").label)


async def test_page_down_and_up_turn_the_page_with_the_focus() -> None:
    app = demo(BY_CODE)
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        look.button("#choice-01").focus()
        await look.keys("pagedown")
        choices = app.query_one(PagedChoice)
        assert choices.paging.page == 1 and app.focused is look.button("#choice-13")
        await look.keys("enter")
        assert look.values(PagedChoice.Chosen, "choice_id") == ["13"]
        await look.keys("pageup", "pageup")
        assert choices.paging.page == 0 and app.focused is look.button("#choice-01")


async def test_a_repeated_id_and_an_empty_list_break_nothing() -> None:
    app = demo([Choice("01", "北海道"), Choice("01", "北海道（二度目）"), Choice("02", "青森県")])
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert [b.id for b in app.screen.query(".choice")] == ["choice-01", "choice-02"]
    app = demo([])
    async with app.run_test(size=(80, 24)) as pilot:
        look = Look(app, pilot)
        await look.settle()
        assert not app.screen.query(".choice") and not look.shown("#page-next")
