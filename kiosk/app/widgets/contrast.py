"""The WCAG 2 contrast of two colours, and a text's colour faded towards its background no
further than it still reads at arm's length (`READABLE`)."""

from __future__ import annotations

from textual.color import Color

#: The contrast every text a person must read keeps (WCAG AAA is 7:1), with a margin.
READABLE = 7.5


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque sRGB colour."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    weights = (0.2126, 0.7152, 0.0722)
    return sum(w * linear(c) for w, c in zip(weights, (color.r, color.g, color.b), strict=True))


def contrast(foreground: Color, background: Color) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def faded(foreground: Color, background: Color, most: float = 0.25) -> Color:
    """`foreground` over an opaque `background`, faded by up to `most` towards it: as far as
    the contrast stays `READABLE` (not at all if the colour is no more than that already)."""
    steps = 5
    for step in range(steps, -1, -1):
        shown = background + foreground.multiply_alpha(1 - most * step / steps)
        if step == 0 or contrast(shown, background) >= READABLE:
            return shown
    raise AssertionError("unreachable")      # step 0 returns
