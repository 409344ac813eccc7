"""Run benchmarks by name; each module here named `bench_<name>.py` has `run() -> list[dict]`.

Every result dict is printed as one JSON line. Where an issue sets a target the dict carries
`ratio` (or the measured value), `target` and `ok`; a missed target shows there, not in the
exit status.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> dict[str, Path]:
    return {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}


def main(argv: list[str]) -> int:
    benches = available()
    names = argv or list(benches)
    unknown = [n for n in names if n not in benches]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(benches)}", file=sys.stderr)
        return 2
    for name in names:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", benches[name])
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        for row in module.run():
            row = {"name": row.pop("name", name), **row}
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
