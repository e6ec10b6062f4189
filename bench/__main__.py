"""`python -m bench`: run every benchmark and rewrite docs/benchmarks.md."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("bench.bench_dates", "bench.bench_updates", "bench.bench_import", "bench.bench_find", "bench.bench_tick",
              "bench.bench_outbox")


def main() -> None:
    """Run each benchmark module's main() in turn."""
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            print(f"skipping {name}: not present", file=sys.stderr)
            continue
        print(f"== {name}", flush=True)
        saved, sys.argv = sys.argv, [name]
        try:
            module.main()
        finally:
            sys.argv = saved


if __name__ == "__main__":
    main()
