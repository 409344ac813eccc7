"""Harnesses that play kiosks (their coin vendors, output trays and money protocol) against the
real centre: the reliability harness and `scripts/soak`. Here, not in `backend.testing`,
because a kiosk's devices are the kiosk's: the centre imports nothing of the kiosk."""
