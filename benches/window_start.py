#!/usr/bin/env python3
"""The window's start at scale: how long until `aftersales --db DB` maps its window, and its
peak memory (VmHWM) some seconds later. Needs an X display (Xvfb :99 &; DISPLAY=:99) and
xdotool (Debian: apt-get install xvfb xdotool).

Usage: benches/window_start.py DB [RUNS] [AFTERSALES]
  DB          a database, e.g. the report bench's (cargo bench --bench report -- --db DB)
  RUNS        how many starts (default 3; the first may read the file from disk)
  AFTERSALES  the binary (default target/release/aftersales)
"""
import os
import subprocess
import sys
import time

if len(sys.argv) < 2 or not os.environ.get("DISPLAY"):
    sys.exit(__doc__)
db = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/aftersales"
for run in range(runs):
    start = time.perf_counter()
    app = subprocess.Popen([binary, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    mapped = None
    while time.perf_counter() - start < 30 and app.poll() is None:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                               capture_output=True, text=True)
        if found.stdout.strip():
            mapped = time.perf_counter() - start
            break
        time.sleep(0.02)
    time.sleep(6)  # the first screen drawn, its lists read
    with open(f"/proc/{app.pid}/status") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM")), "?")
    app.kill()
    app.wait()
    shown = f"{mapped:.3f} s" if mapped is not None else "not mapped"
    print(f"run {run + 1}: window mapped after {shown}, peak memory {int(peak) / 1024:.0f} MB")
