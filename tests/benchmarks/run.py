"""Runs every benchmark (tests/benchmarks/bench_*.py) and prints one line each.

Each module exposes `run() -> list[dict]` with name, value, unit, baseline_name,
baseline_value and ratio; targets are ratios against a baseline measured in the same run.
Usage: python tests/benchmarks/run.py [--json FILE] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KEYS = ("name", "value", "unit", "baseline_name", "baseline_value", "ratio")


def load(path: Path) -> Any:
    """Import a benchmark module from its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", nargs="*", default=[], help="module names (e.g. bench_vault)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent.parent))
    results: list[dict[str, Any]] = []
    failed = False
    for path in sorted(HERE.glob("bench_*.py")):
        if args.only and path.stem not in args.only:
            continue
        try:
            entries = load(path).run()
        except Exception:
            traceback.print_exc()
            print(f"{path.stem}: FAILED", flush=True)
            failed = True
            continue
        for entry in entries:
            row = {key: entry.get(key) for key in KEYS}
            results.append(row)
            print(
                f"{row['name']}: {row['value']:.4g} {row['unit']} "
                f"(baseline {row['baseline_name']}: {row['baseline_value']:.4g}; "
                f"ratio {row['ratio']:.3g})",
                flush=True,
            )
    if args.json:
        Path(args.json).write_text(json.dumps({"benchmarks": results}, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
