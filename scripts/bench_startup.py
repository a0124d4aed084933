#!/usr/bin/env python3
"""Start to prompt: spawn gemba in a pseudo-terminal and time until `gemba [N]>` appears.

Measured on a new notebook and on a 1,000-cell notebook (reopening rebuilds state from
every cell). Median of 25 runs each. Target: under 30 ms for the new notebook."""
import os, statistics, subprocess, sys, tempfile, time
import pexpect

def time_to_prompt(binary, notebook, runs=25):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795600000", NO_COLOR="1", GEMBA_TEST_PTY="1",
               XDG_STATE_HOME=tempfile.mkdtemp(), TERM="xterm")
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(binary, [notebook], env=env, encoding="utf-8", timeout=10)
        child.expect(r"gemba \[\d+\]> ")
        samples.append((time.perf_counter() - start) * 1000)
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
    return statistics.median(samples), min(samples)

def main(binary):
    folder = tempfile.mkdtemp()
    fresh = os.path.join(folder, "new.md")
    big = os.path.join(folder, "big.md")
    script = "".join(f'why "reason {i}"\n' if i % 2 else f"note observation {i}\n" for i in range(1000))
    subprocess.run([binary, big], input=script.encode(), check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, SOURCE_DATE_EPOCH="1795600000"))
    print(f"{'benchmark':40} {'median':>10} {'best':>10}  target")
    for label, path in [("start to prompt, new notebook", fresh), ("start to prompt, 1,000-cell notebook", big)]:
        if os.path.exists(fresh) and path == fresh:
            os.remove(fresh)
        median, best = time_to_prompt(binary, path)
        target = "< 30 ms" if path == fresh else ""
        verdict = ("met" if median < 30 else "MISSED") if target else ""
        print(f"{label:40} {median:8.1f}ms {best:8.1f}ms  {target} {verdict}")

if __name__ == "__main__":
    main(sys.argv[1])
