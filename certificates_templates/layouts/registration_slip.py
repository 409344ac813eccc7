"""申請受付: the slip for a 戸籍証明書交付の利用登録申請 made at a kiosk (leaflet 002 p.9).

What the person keeps: the 受付番号, the day, the 本籍地 applied to, and what happens next.
Nothing personal — no name, no 筆頭者, no number — as on the receipt.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A6

from certificates_templates.documents import RegistrationSlip
from certificates_templates.era import format_date
from certificates_templates.toolkit import Cell, Composition, Grid, Paragraph

WEEKDAYS = "月火水木金土日"


def next_steps(doc: RegistrationSlip) -> str:
    """審査のうえ… : when the 本籍地 decides, and where the certificates are then."""
    then = ("登録されると、全国のコンビニ等のマルチコピー機の「証明書交付サービス」から"
            "「本籍地の市区町村の証明書」を取得できます。")
    if doc.decision_by is None:
        return (f"{doc.municipality_name}が戸籍の記録と照合し、審査のうえ登録します。"
                f"審査には数開庁日かかります。{then}")
    day = doc.decision_by
    return (f"{doc.municipality_name}が戸籍の記録と照合し、審査のうえ登録します"
            f"（{doc.working_days}開庁日後の{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"
            f"以降）。{then}")


def compose(doc: RegistrationSlip, substituted: bool) -> Composition:
    at = doc.issued_at
    rows = (
        (Cell("受付番号", doc.receipt_no, font="gothic", label_width=60),),
        (Cell("申請日", format_date(doc.applied_on), label_width=60),),
        (Cell("本籍地", f"{doc.prefecture}{doc.municipality_name}", label_width=60),),
        (Cell("受付日時", f"{format_date(at.date())} {at:%H:%M}", label_width=60),),
        (Cell("店舗", doc.store, label_width=60),),
        (Cell("端末", doc.kiosk_id, font="gothic", label_width=60),),
    )
    body = (Paragraph("戸籍証明書交付の利用登録申請を受け付けました。", size=9, align="centre", after=4),
            Grid(rows, min_row=16),
            Paragraph(next_steps(doc), size=8, font="gothic", before=6, after=2),
            Paragraph("お問い合わせの際は受付番号をお伝えください。この控えは大切に保管して"
                      "ください。", size=8, font="gothic", before=2, after=0))
    return Composition(title=doc.title, body=body, secured=False, page_size=A6, margin=20)
