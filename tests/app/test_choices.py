"""⑥–⑩: skipped steps, 世帯の一部, 記載事項, copies (訂正, 11 refused), jump-back from ⑩."""

from __future__ import annotations

from backend.api import IssuanceKind, PrintedField
from tests.app.conftest import Drive


async def _to_copies(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-self")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "copies"


async def test_seal_certificate_skips_kind_and_fields(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-inkan")
    assert kiosk.screen == "copies"
    await kiosk.tap("#back")
    assert kiosk.screen == "certificate"


async def test_some_members_choice_reaches_the_request(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_some")
    assert kiosk.screen == "members"
    members = kiosk.app.terminal.flow.context.members
    assert len(members) == 4
    await kiosk.tap("#confirm")                            # nobody chosen: refused, stays
    assert kiosk.screen == "members" and "1人以上" in kiosk.text()
    hanako = next(m for m in members if m.relation == "妻")
    await kiosk.tap(f"#member-{hanako.member_id}")
    assert "☑ 和泉 花子" in kiosk.text() and "☐ 和泉 一郎" in kiosk.text()   # marked, not coloured
    await kiosk.tap("#confirm")
    assert kiosk.screen == "fields"
    ctx = kiosk.app.terminal.flow.context
    assert (ctx.kind, ctx.member_ids) == (IssuanceKind.HOUSEHOLD_SOME, (hanako.member_id,))


async def test_fields_yes_no_toggle(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_all")
    await kiosk.tap("#field-my_number-yes")
    await kiosk.tap("#field-honseki-yes")
    await kiosk.tap("#field-honseki-no")
    await kiosk.tap("#confirm")
    assert kiosk.app.terminal.flow.context.fields == frozenset({PrintedField.MY_NUMBER})


async def test_eleven_copies_refused_ten_accepted(kiosk) -> None:
    await _to_copies(kiosk)
    await kiosk.tap("#key-1")
    await kiosk.tap("#key-1")
    assert "11部" in kiosk.text()
    await kiosk.tap("#confirm")
    assert kiosk.screen == "copies"
    assert "1〜10部" in kiosk.text()
    await kiosk.tap("#key-correct")                        # 訂正 clears
    assert "＿部" in kiosk.text()
    await kiosk.keys("1", "0")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"
    assert kiosk.app.terminal.flow.context.copies == 10
    assert kiosk.app.terminal.flow.context.quote.total_yen == 10 * kiosk.app.terminal.flow.context.unit_fee


async def test_zero_copies_refused(kiosk) -> None:
    await _to_copies(kiosk)
    await kiosk.keys("0")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "copies"


async def test_jump_back_from_confirmation_and_return(kiosk) -> None:
    await _to_copies(kiosk)
    await kiosk.keys("2")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"
    await kiosk.tap("#edit-copies")
    assert kiosk.screen == "copies" and "2部" in kiosk.text()
    await kiosk.keys("3")                                  # the first digit replaces
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"
    assert kiosk.app.terminal.flow.context.quote.copies == 3
    await kiosk.tap("#edit-fields")
    assert kiosk.screen == "fields"
    await kiosk.tap("#field-my_number-yes")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "confirm"
    assert "マイナンバー 有" in kiosk.text()
    await kiosk.tap("#edit-kind")
    await kiosk.tap("#kind-household_all")
    assert kiosk.screen == "confirm" and "世帯全員" in kiosk.text()
    await kiosk.tap("#edit-certificate")
    await kiosk.tap("#cert-inkan")                        # another certificate: its own steps
    assert kiosk.screen == "confirm" and "印鑑登録証明書" in kiosk.text()
    assert kiosk.app.terminal.flow.context.kind is None
    await kiosk.tap("#back")                               # 前画面へ
    assert kiosk.screen == "copies"


async def test_the_fields_answers_are_marked_and_kept_after_back(kiosk) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_all")
    assert "○ 有" in kiosk.text() and "● 無" in kiosk.text()       # 無 unless chosen, marked
    await kiosk.tap("#field-my_number-yes")
    await kiosk.tap("#confirm")
    assert kiosk.screen == "copies"
    await kiosk.tap("#back")                                       # 前画面へ from ⑨
    assert kiosk.screen == "fields"
    mine = kiosk.app.screen.query_one("#field-my_number-yes")
    assert str(mine.label).startswith("●"), mine.label            # the choice is still there


async def test_a_large_household_pages_and_its_actions_stay_on_screen(make_kiosk, clock) -> None:
    """tomakomai-omori's 12-person household at 80×24: every member reachable by 次へ, and
    前画面へ / 確定する always fully on screen."""
    app = make_kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await kiosk.to_certificate("tomakomai-omori", "1212")
        await kiosk.tap("#cert-juminhyo")
        await kiosk.tap("#kind-household_some")
        members = app.terminal.flow.context.members
        assert len(members) == 12
        seen: set[str] = set()
        turned = 0
        while True:
            screen = app.screen
            for selector in ("#confirm", "#back", "#page-next", "#page-previous"):
                assert screen.region.contains_region(screen.query_one(selector).region), selector
            for m in members:
                button = screen.query_one(f"#member-{m.member_id}")
                if button.display:
                    assert screen.region.contains_region(button.region), m.name
                    seen.add(m.member_id)
            if screen.query_one("#page-next").disabled or turned == 12:
                break
            await kiosk.tap("#page-next")
            turned += 1
        assert seen == {m.member_id for m in members} and turned > 0
        await kiosk.tap(f"#member-{members[-1].member_id}")           # on the last page
        while not app.screen.query_one("#page-previous").disabled:
            await kiosk.tap("#page-previous")                         # back to the first page
        await kiosk.tap(f"#member-{members[0].member_id}")
        await kiosk.tap("#confirm")
        assert app.terminal.flow.context.member_ids == (members[0].member_id,
                                                        members[-1].member_id)
