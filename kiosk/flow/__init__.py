"""The kiosk's steps as data: one table of state × event → next state + effects (leaflet 001).

Pure: no Textual, no I/O. Screens render `Flow.state` / `Flow.context` and send `Event`s;
the app carries out the returned `Effect`s (backend calls, devices) and reports their
outcome as further events. Guards choose between rows (⑦/⑧ are skipped when the chosen
certificate's `Offering` has no kinds/fields; editing from ⑩ returns to ⑩), and payload
checks refuse bad input (11 copies, an unavailable certificate) without any change.

Nothing personal survives `Effect.END_SESSION`: the app calls `Flow.reset()`, which drops
the whole context.

The states, events and effects are in `kiosk.flow.states`; the context in `kiosk.flow.context`;
the table, with its guards, in `kiosk.flow.table`; what each event's payload does to the context
in `kiosk.flow.payloads`. Here is the machine that runs them, and every name is importable from
`kiosk.flow` itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.flow.context import Context
from kiosk.flow.payloads import APPLY, Apply
from kiosk.flow.states import Effect, Event, FlowError, Refusal, State
from kiosk.flow.table import (ASK_BEFORE_QUITTING, END, GUARDS, ON_ENTER, ON_EXIT, PAUSES,
                              PRECONDITIONS, PROMPTS_WHEN_IDLE, QUITTABLE,
                              RETRYABLE_CARD_REASONS, TABLE, E, G, Guard, Row, S, X)


@dataclass(frozen=True)
class Transition:
    source: State
    event: Event
    target: State
    effects: tuple[Effect, ...]


@dataclass
class Flow:
    """The current step and what has been chosen; `send` is the only way to change them."""

    state: State = State.TOP
    context: Context = field(default_factory=Context)

    def rows(self, event: Event) -> tuple[Row, ...]:
        return TABLE.get((self.state, event), ())

    def accepts(self, event: Event) -> bool:
        return bool(self.rows(event))

    def send(self, event: Event, **payload: Any) -> Transition:
        source = self.state
        rows = self.rows(event)
        if not rows:
            raise FlowError(source, event)
        apply = APPLY.get(event)
        ctx = apply(self.context, source, event, **payload) if apply else self.context
        row = next((r for r in rows if r.guard is None
                    or GUARDS[r.guard](self.context if r.guard in PRECONDITIONS else ctx)), None)
        if row is None:
            raise FlowError(source, event)
        target = row.target if row.target is not None else (ctx.resume or State.TOP)
        if target == State.CONFIRM or source == State.CONFIRM and target == State.PAYMENT:
            ctx = replace(ctx, editing=False)
        if event == Event.CONTINUE:
            ctx = replace(ctx, resume=None)
        effects = row.effects
        if target != source:
            # Leaving for a prompt (続けますか？, 取り消しますか？) and coming back is not really
            # leaving.
            pausing = source in PAUSES or target in PAUSES
            if not pausing or target in (State.TOP, State.REFUND):
                effects = ON_EXIT.get(source, ()) + effects + ON_ENTER.get(target, ())
            elif source in PAUSES and target in ON_ENTER:
                effects = effects + ON_ENTER[target]
        self.state, self.context = target, ctx
        return Transition(source, event, target, effects)

    def reset(self) -> None:
        """End of session: back to the top with nothing remembered."""
        self.state, self.context = State.TOP, Context()


__all__ = ["APPLY", "ASK_BEFORE_QUITTING", "END", "GUARDS", "ON_ENTER", "ON_EXIT", "PAUSES",
           "PRECONDITIONS", "PROMPTS_WHEN_IDLE", "QUITTABLE", "RETRYABLE_CARD_REASONS", "TABLE",
           "Apply", "Context", "E", "Effect", "Event", "Flow", "FlowError", "G", "Guard", "Refusal",
           "Row", "S", "State", "Transition", "X"]
