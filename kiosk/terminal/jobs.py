"""The terminal's jobs: blocking calls (the centre, the card, the printer) run one at a time,
on a thread of their own under `run_jobs()` (the shell's one worker), or in the caller's
thread with `drain()` when there is no event loop (tests and benchmarks drive a whole session
so). Their outcomes come back as flow events, in order. `pending` counts the jobs not yet
finished: a script waits for it to be 0."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from backend.reasons import Reason, ServiceError
from kiosk.card.errors import CardError
from kiosk.flow import Event

Outcomes = Iterable[tuple[Event, dict[str, Any]]]


@dataclass(frozen=True)
class Job:
    work: Callable[[], Outcomes | None]
    name: str


class JobQueue:
    def __init__(self) -> None:
        self._jobs: deque[Job] = deque()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.pending = 0
        self.job_done: Callable[[], None] = lambda: None    # the shell's "look again"

    def job(self, work: Callable[[], Outcomes | None], name: str) -> None:
        """Queue a blocking call; its outcomes come back as flow events, in order."""
        self.pending += 1
        self._jobs.append(Job(work, name))
        if self._wake is not None:
            self._wake.set()

    def from_job(self, action: Callable[..., Any], *args: Any) -> None:
        """Run `action(*args)` where the terminal lives, from a job's thread (print progress).
        Queued before the job's own end, so it is seen before the job's outcomes."""
        loop = self._loop
        if loop is not None and not on_loop(loop):
            loop.call_soon_threadsafe(lambda: action(*args))
        else:
            action(*args)

    async def run_jobs(self) -> None:
        """Run the jobs as they come, each on a thread, forever (the shell's worker)."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        while True:
            while not self._jobs:
                self._wake.clear()
                await self._wake.wait()
            job = self._jobs.popleft()
            outcomes: Outcomes = ()
            try:
                outcomes = await asyncio.to_thread(self._attempt, job)
            finally:
                self._deliver(job, outcomes)

    def drain(self) -> None:
        """Run every queued job now, in this thread (no event loop: tests, benchmarks)."""
        if self._loop is not None:
            raise RuntimeError("the jobs run under run_jobs(): wait for `pending` instead")
        while self._jobs:
            job = self._jobs.popleft()
            self._deliver(job, self._attempt(job))

    def _attempt(self, job: Job) -> Outcomes:
        try:
            return list(job.work() or ())
        except (ServiceError, CardError) as exc:
            return [(Event.REFUSED, {"reason": exc.reason})]
        except Exception as exc:  # a bug or an outage: say so, charge nothing
            self.device_error(exc, f"{job.name} failed")
            return [(Event.REFUSED, {"reason": Reason.SYSTEM_ERROR})]

    def _deliver(self, job: Job, outcomes: Outcomes) -> None:
        try:
            for event, payload in outcomes:
                try:
                    self.outcome(event, payload)
                except Exception as exc:  # the runner must outlive any one outcome
                    self.device_error(exc, f"{job.name}: {event.value} failed")
            self.publish()
        finally:
            self.pending -= 1
            self.job_done()

    # what the terminal provides
    def outcome(self, event: Event, payload: dict[str, Any]) -> None:
        raise NotImplementedError

    def publish(self) -> None:
        raise NotImplementedError

    def device_error(self, exc: BaseException, what: str) -> None:
        raise NotImplementedError


def on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
