"""ReportLab layouts of every kiosk certificate and the receipt: document data → PDF bytes.

Pure: no database. `render_certificate(document, signer)` for a certificate (signed
verification code), `render_receipt(receipt)` for the 領収書; `verification.verify_pdf` checks
a printed PDF, read within the limits of `pdf_guard`.
"""

from certificates_templates.documents import DocumentDataError
from certificates_templates.render import render_certificate, render_receipt

__all__ = ["DocumentDataError", "render_certificate", "render_receipt"]
