#!/usr/bin/env python3
"""Replay at scale: notebooks of 1k, 10k and 100k cells with no evidence; and the HTML record of 1k cells.

The notebooks are written here directly (computing gemba's chain), because making a
100k-cell notebook through gemba would fsync 100k times. Half the cells are five-whys
answers, half notes. Target: 1,000 cells under 1 s, and cost linear in cells."""
import hashlib, os, subprocess, sys, tempfile, time

def chain_next(prev, number, when, command, output):
    h = hashlib.sha256()
    for part in (prev, str(number), when, command, output):
        data = part.encode()
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()[:16]

def notebook(cells):
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    when = "2026-11-20T10:00:00Z"
    out = ["<!-- gemba notebook v1 -->\n"]
    whys = 0
    for n in range(1, cells + 1):
        if n % 2:
            whys += 1
            command, output = f'why "reason {n}"', f"W{whys} reason {n}"
        else:
            command, output = f"note observation {n}", f"observation {n}"
        chain = chain_next(chain, n, when, command, output)
        out.append(f"\n<!-- cell {n} · {when} · chain {chain} -->\n```gemba\n{command}\n```\n```output\n{output}\n```\n")
    return "".join(out)

def main(binary):
    folder = tempfile.mkdtemp()
    rows = []
    for cells in (1_000, 10_000, 100_000):
        path = os.path.join(folder, f"n{cells}.md")
        with open(path, "w") as f:
            f.write(notebook(cells))
        best = None
        for _ in range(3 if cells < 100_000 else 1):
            start = time.perf_counter()
            result = subprocess.run([binary, "replay", path], capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
            best = elapsed if best is None else min(best, elapsed)
        rows.append((cells, best))
    print(f"{'replay benchmark':40} {'seconds':>10} {'µs/cell':>10}")
    for cells, seconds in rows:
        print(f"{'replay, ' + format(cells, ',') + ' cells':40} {seconds:10.3f} {seconds / cells * 1e6:10.1f}")
    # The record of a 1,000-cell investigation as one HTML file (issue 5: under 1 s).
    path = os.path.join(folder, "n1000.md")
    out = os.path.join(folder, "n1000.html")
    best = None
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([binary, "export", path, "--format", "html", "-o", out], check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{'export html, 1,000 cells':40} {best:10.3f}  target < 1 s: {'met' if best < 1 else 'MISSED'} "
          f"({os.path.getsize(out):,} bytes)")
    one_k = rows[0][1]
    ratio = (rows[2][1] / rows[2][0]) / (rows[0][1] / rows[0][0])
    print(f"target: 1,000 cells under 1 s: {'met' if one_k < 1 else 'MISSED'} ({one_k:.3f} s); "
          f"per-cell cost at 100k / at 1k = {ratio:.2f} ({'linear' if ratio < 2 else 'NOT linear'})")

if __name__ == "__main__":
    main(sys.argv[1])
