"""One drawing toolkit for every printed document: page, title, bordered tables, seals, the
地紋 background, the footer with page numbers, and on a certificate its back page and the
copy's marks (発行番号, verification code).

A layout (see `layouts/`) only says *what* goes on the paper as a `Composition`: a title,
header blocks (repeated on every page), body blocks (flowed over as many pages as needed) and
closing blocks (the certification, on the last page). `render` measures, paginates, draws and
signs; every layout gets the anti-forgery from here, none draws any of it itself (nor prints
`meta.document_id`: the 発行番号 is each copy's own, drawn with its marks).

- `sheet`: the canvas that remembers its text, the block protocol
- `blocks`: tables of labelled cells, paragraphs, spacers
- `seal`: red seals — the registered impression and the 公印 over the mayor's name
- `pattern`: the 地紋 with the latent word 複写, hidden on the original, shown by a copier
- `qr`: 2D codes, and the copy marks drawn on every page
- `back`: the back page with the signed record as 2D codes
- `copies`: the copies of one issuance from one rendering
- `page`: composition, pagination, title, header, footer, signing
"""

from certificates_templates.toolkit.blocks import Cell, Grid, Paragraph, Spacer
from certificates_templates.toolkit.page import (Composition, Rendered, paginate, render,
                                                 render_copies)
from certificates_templates.toolkit.qr import CopyMark
from certificates_templates.toolkit.seal import SEAL_RED, Certification, SealBox, draw_seal
from certificates_templates.toolkit.sheet import Block, Placed, Sheet

__all__ = [
    "Block", "Cell", "Certification", "Composition", "CopyMark", "Grid", "Paragraph", "Placed",
    "Rendered",
    "SEAL_RED", "SealBox", "Sheet", "Spacer", "draw_seal", "paginate", "render", "render_copies",
]
