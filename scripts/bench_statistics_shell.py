#!/usr/bin/env python3
"""The statistics stages as a shell user meets them: each typed into `gemba nb.md` (batch mode,
stdin a pipe) right after `load evidence/tickets.csv as t` in the same session, timed from
sending the line to the last byte of its output (printed after the cell is written and fsync'd).
A fresh session for each, so each is the first chart on its column after the load. Target: each
under 100 ms.

usage: bench_statistics_shell.py GEMBA TICKETS_CSV [RUNS]
"""
import os, select, shutil, statistics, subprocess, sys, tempfile, time

gemba, csv = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
STAGES = ["spc handle_minutes", "spc handle_minutes --chart imr", "spc handle_minutes --chart xbar-r --size 5",
          "spc handle_minutes --chart xbar-s --size 5", "spc handle_minutes --chart run",
          "spc reopened --chart p --by day", "spc reopened --chart laney-p --by day",
          "compare reopened = yes by channel", "compare reopened by team", "compare handle_minutes by channel",
          "capability handle_minutes --lsl 0 --usl 300", "capability handle_minutes --lsl 0 --usl 300 --size 5"]
folder = tempfile.mkdtemp(prefix="gemba-stats-shell-")
os.makedirs(folder + "/evidence")
try:
    os.link(csv, folder + "/evidence/tickets.csv")
except OSError:
    shutil.copyfile(csv, folder + "/evidence/tickets.csv")

def drain(p, quiet):
    """Reads until the output has been quiet for `quiet` seconds; the time of its last byte."""
    last = None
    while select.select([p.stdout], [], [], quiet)[0]:
        if not os.read(p.stdout.fileno(), 1 << 16):
            break
        last = time.perf_counter()
    return last

times = {s: [] for s in STAGES}
for _ in range(runs):
    for stage in STAGES:
        if os.path.exists(folder + "/nb.md"):
            os.remove(folder + "/nb.md")
        p = subprocess.Popen([gemba, "nb.md"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=dict(os.environ, NO_COLOR="1"))
        p.stdin.write(b"load evidence/tickets.csv as t\n"); p.stdin.flush()
        drain(p, 1.0)
        start = time.perf_counter()
        p.stdin.write(f"t | {stage}\n".encode()); p.stdin.flush()
        last = drain(p, 0.3)
        p.stdin.close(); p.wait()
        if last is None:
            sys.exit(f"no output for `t | {stage}`")
        times[stage].append((last - start) * 1000)
shutil.rmtree(folder)
print(f"in the shell, first chart on its column after the load (median of {runs}):")
for stage in STAGES:
    m = statistics.median(times[stage])
    flag = "" if m < 100 else "  (over 100 ms)"
    print(f"{stage:56s} median {m:6.1f} ms  (runs {min(times[stage]):.0f}–{max(times[stage]):.0f}){flag}")
