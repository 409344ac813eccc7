"""The only place the kiosk reaches into Textual's private state: settling headless runs
(tests, scenarios, benchmarks) without fixed pauses, and reading the screen as text. Each use
says why and which public hook would replace it; `tests/app/test_textual_internals.py` fails,
naming the attribute, when a Textual release renames one (the exact version is locked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen

# Attributes read here, by the class that owns them (checked by the test).
MESSAGE_PUMP = ("_running", "_message_queue", "_next_callbacks")
SCREEN = ("_layout_required", "_scroll_required", "_repaint_required", "_recompose_required",
          "_dirty_widgets", "_on_timer_update", "_compositor")


def handling(pump: Any) -> bool:
    """A running message pump has a message queued or in hand, or a `call_next` to run: it is
    idle only when its task is back waiting for the next message. (Public: none; `Pilot.pause`
    waits for the CPU to go idle, 20 ms at the least, and `call_later` on every node, as
    Pilot's own wait does, takes a round per hop of a bubbling message.)"""
    if not pump._running:
        return False
    queue = pump._message_queue
    return bool(queue.qsize() or pump._next_callbacks or not queue.ready_event._waiters)


def unpainted(screen: Screen) -> bool:
    """Textual lays out and paints on its own timer: what a test reads comes after that.
    (Public: `call_after_refresh`, one refresh late.)"""
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._recompose_required or screen._dirty_widgets)


def paint_now(screen: Screen) -> None:
    """Paint rather than wait for the next frame. (Public: none; `refresh` schedules.)"""
    screen._on_timer_update()


def screen_text(screen: Screen) -> str:
    """What the screen shows now, line by line (trailing spaces trimmed), as a terminal would
    show it. (Public: `App.export_screenshot`, an SVG to be parsed back into text.)"""
    return "\n".join(screen_rows(screen)).strip("\n")


def screen_rows(screen: Screen) -> list[str]:
    """Every row of the screen from the top, blank ones too (trailing spaces trimmed): row y
    holds what a widget at y shows."""
    return _trimmed(strip.text for strip in screen._compositor.render_strips())


def _trimmed(lines: Iterable[str]) -> list[str]:
    return [line.rstrip() for line in lines]
