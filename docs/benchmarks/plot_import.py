#!/usr/bin/env python3
"""Draws docs/benchmarks/import.png from the import points the bench writes with --out.

Usage: dotnet run -c Release --project bench/Offload.Bench -- import --out docs/benchmarks
       /usr/bin/python3 docs/benchmarks/plot_import.py   (Debian: apt-get install -y python3-matplotlib)
"""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

here = os.path.dirname(os.path.abspath(__file__))
points = {}
with open(os.path.join(here, "import.csv")) as f:
    for row in csv.DictReader(f):
        points.setdefault(row["store"], []).append(row)

fig, (time_ax, rss_ax) = plt.subplots(1, 2, figsize=(10, 4))
for store, rows in sorted(points.items()):
    rows.sort(key=lambda r: int(r["rows"]))
    fresh = [r for r in rows if r["host"] == "fresh"]
    warm = [r for r in rows if r["host"] == "warm"]
    n = [int(r["rows"]) / 1000 for r in fresh]
    time_ax.plot(n, [float(r["seconds"]) for r in fresh], marker="o", label=f"Offload on {store}, fresh host")
    time_ax.plot([int(r["rows"]) / 1000 for r in warm], [float(r["seconds"]) for r in warm], marker="s", linestyle="none",
                 label=f"Offload on {store}, warm host")
    time_ax.plot(n, [float(r["raw_seconds"]) for r in fresh], marker="x", linestyle="--", label=f"raw insert, {store}")
    rss_ax.plot(n, [float(r["peak_rss_mb"]) for r in fresh], marker="o", label=f"Offload on {store}, fresh host")
time_ax.set(title="Import time (HTTP upload → completed)", xlabel="rows (thousands)", ylabel="seconds")
rss_ax.axhline(200, color="grey", linestyle=":", label="target: 200 MB")
rss_ax.set(title="Host peak RSS (VmHWM)", xlabel="rows (thousands)", ylabel="MB", ylim=(0, None))
for ax in (time_ax, rss_ax):
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(here, "import.png"), dpi=100)
