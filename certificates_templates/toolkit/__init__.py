"""One drawing toolkit for every printed document: page, title, bordered tables, seals, the
地紋 background, the footer with page numbers and the verification code.

A layout (see `layouts/`) only says *what* goes on the paper as a `Composition`: a title,
header blocks (repeated on every page), body blocks (flowed over as many pages as needed) and
closing blocks (the certification, on the last page). `render` measures, paginates, draws and
signs.

- `sheet`: the canvas that remembers its text (the digest's input), the block protocol
- `blocks`: tables of labelled cells, paragraphs, spacers
- `seal`: red seals — the registered impression and the mayor's seal on the certification
- `pattern`: the 地紋 background with the latent word 複写
- `qr`: the verification-code block and its QR code
- `page`: composition, pagination, title, header, footer, signing
"""

from certificates_templates.toolkit.blocks import Cell, Grid, Paragraph, Spacer
from certificates_templates.toolkit.page import Composition, Rendered, paginate, render
from certificates_templates.toolkit.seal import SEAL_RED, Certification, SealBox, draw_seal
from certificates_templates.toolkit.sheet import Block, Placed, Sheet

__all__ = [
    "Block", "Cell", "Certification", "Composition", "Grid", "Paragraph", "Placed", "Rendered",
    "SEAL_RED", "SealBox", "Sheet", "Spacer", "draw_seal", "paginate", "render",
]
