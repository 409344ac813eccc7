"""ReportLab layouts of every kiosk certificate and the receipt: document data → PDF bytes.

Pure: no database. `render_certificate(document, signer)` for a certificate, and
`render_certificate_copies(document, signer, document_ids)` for the copies of one issuance
(each its own 発行番号 and verification code, one rendering); `render_receipt(receipt)` for the
領収書. A certificate has the 地紋 on both sides and a back page carrying its signed record;
`verification.verify_pdf` checks a printed PDF against that record, read within the limits of
`pdf_guard`.
"""

from certificates_templates.documents import DocumentDataError
from certificates_templates.render import (render_certificate, render_certificate_copies,
                                           render_receipt)

__all__ = ["DocumentDataError", "render_certificate", "render_certificate_copies", "render_receipt"]
