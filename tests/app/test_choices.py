"""⑥–⑩: skipped steps, 世帯の一部, 記載事項, copies (訂正, 11 refused), jump-back from ⑩."""

from __future__ import annotations

from backend.api import IssuanceKind, PrintedField


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
    kiosk.app.screen.query_one(f"#member-{hanako.member_id}").value = True
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
