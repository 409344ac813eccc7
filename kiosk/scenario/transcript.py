"""What a scenario run leaves behind: `transcript.jsonl`, the printed PDFs and the receipt.

One JSON object per step, written as the step ends (a crash still leaves every step before it):
`step`, `line`, `action`, `value`, `screen`, `text` (the visible text), `outcome`
(`ok` / `failed` / `error`), `message` (why, when not ok), `ms` (wall time of the step) and
`clock` (the kiosk clock after it).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from kiosk.scenario.steps import Expect, Step


def _plain(value: Any) -> Any:
    if isinstance(value, Expect):
        return {k: _plain(v) for k, v in vars(value).items() if v not in (None, ())}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass
class StepRecord:
    step: Step
    screen: str
    text: str
    outcome: str               # ok / failed / error
    ms: float
    clock: str = ""
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "step": self.step.number, "line": self.step.line, "action": self.step.action,
            "value": _plain(self.step.argument), "screen": self.screen, "text": self.text,
            "outcome": self.outcome, "message": self.message, "ms": round(self.ms, 1),
            "clock": self.clock,
        }


@dataclass
class Transcript:
    """Writes to `directory/transcript.jsonl` as it goes (the PDFs go to `directory/printed/`)."""

    directory: Path
    _out: TextIO | None = None

    def __post_init__(self) -> None:
        if self.directory.exists():
            shutil.rmtree(self.directory)  # results are for this run only
        self.directory.mkdir(parents=True)
        self._out = (self.directory / "transcript.jsonl").open("w", encoding="utf-8")

    def add(self, record: StepRecord) -> None:
        assert self._out is not None
        self._out.write(json.dumps(record.as_json(), ensure_ascii=False) + "\n")
        self._out.flush()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
