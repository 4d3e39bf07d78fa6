#!/usr/bin/env python3
"""Compares `mlsgate bench` output with `bench_mlsrs.py` output.

Usage: bench_table.py MLSGATE_TSV MLSRS_TSV. Both files hold `NAME<TAB>VALUE<TAB>UNIT<TAB>FLOOR`
lines (lines starting with `#` are skipped). Prints, per MLSGate figure: its value, the mls-rs
value, MLSGate/mls-rs, the floor and MLSGate/floor, then how many figures meet the targets
(no slower than mls-rs; within 1.3 times the floor).
"""

from __future__ import annotations

import sys

FLOOR_TARGET = 1.3


def read(path: str) -> dict[str, tuple[float, str, float | None]]:
    figures = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, value, unit, floor = line.split("\t")
            figures[name] = (float(value), unit, None if floor == "-" else float(floor))
    return figures


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    header = ("figure", "unit", "MLSGate", "mls-rs", "ratio", "floor", "/floor")
    rows = []
    beats = within = compared = 0
    for name, (value, unit, floor) in ours.items():
        other = theirs.get(name)
        if other is not None and other[1] != unit:
            sys.exit(f"{name}: unit {unit} here, {other[1]} in mls-rs")
        ratio = value / other[0] if other and other[0] > 0 else None
        to_floor = value / floor if floor else None
        if ratio is not None:
            compared += 1
            beats += ratio <= 1
        within += to_floor is not None and to_floor <= FLOOR_TARGET
        rows.append((
            name, unit, f"{value:.3f}", f"{other[0]:.3f}" if other else "-", f"{ratio:.2f}" if ratio else "-",
            f"{floor:.3f}" if floor else "-", f"{to_floor:.2f}" if to_floor else "-"))
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(cell.ljust(width) if i < 2 else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))))
    print(f"no slower than mls-rs: {beats} of {compared}; within {FLOOR_TARGET}x floor: {within} of {len(rows)}")


if __name__ == "__main__":
    main()
