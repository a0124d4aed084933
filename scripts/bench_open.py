#!/usr/bin/env python3
"""Opening a notebook is a fold over its stored cells: a 10,000-cell notebook whose citations
carry their rows, opened with its evidence folder deleted (so any read of evidence would fail),
must be ready in under 0.5 s. Also: the size a cell adds to the file, with and without data.

The notebook is written here directly (computing gemba's chain, data included), because
making it through gemba would fsync 10,000 times."""
import hashlib, json, os, subprocess, sys, tempfile, time

def chain_next(prev, number, when, command, output, data=None):
    h = hashlib.sha256()
    for part in (prev, str(number), when, command, output) + ((data,) if data is not None else ()):
        raw = part.encode()
        h.update(f"{len(raw)}:".encode())
        h.update(raw)
    return h.hexdigest()[:16]

def payload(obj):
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

def notebook(cells):
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    when = "2026-11-20T10:00:00Z"
    out = ["<!-- gemba notebook v2 -->\n"]
    sha = "ab" * 32
    record = {"name": "t", "path": "evidence/t.csv", "format": "csv", "rows": 1000, "columns": 3, "bytes": 20000,
              "sha256": sha, "cell": 1}
    sizes = {"plain": [], "data": []}
    for n in range(1, cells + 1):
        data = None
        if n == 1:
            command, output = "load evidence/t.csv as t", f"loaded t: 1,000 rows × 3 columns · sha256 {sha[:16]}"
            data = payload({"loaded": {"record": record, "dialect": "csv",
                                       "columns": [{"name": c, "type": "text"} for c in ("id", "team", "ok")]}, "version": 1})
        elif n == 2:
            command, output = 'why "root question"', "W1 root question"
        elif n % 3 == 0:
            row = n % 1000 + 1
            ref = f"t#{row}"
            excerpt = f"{ref} · evidence/t.csv · sha256 {sha[:16]}\n  header: id,team,ok\n  #{row} (line {row + 1}): R{row},blue,no"
            command, output = f"cite W1 {ref}", f"cited on W1: {ref}\n  " + excerpt.replace("\n", "\n  ")
            data = payload({"citations": [{"kind": "rows", "reference": ref, "excerpt": excerpt, "cell": n, "moments": [],
                                           "table": {"columns": ["id", "team", "ok"], "rows": [[f"R{row}", "blue", "no"]],
                                                     "rowNumbers": [row], "totalRows": 1},
                                           "evidence": "t", "sha256": sha}], "version": 1})
        else:
            command, output = f"note observation {n}", f"observation {n}"
        chain = chain_next(chain, n, when, command, output, data)
        text = f"\n<!-- cell {n} · {when} · chain {chain} -->\n```gemba\n{command}\n```\n```output\n{output}\n```\n"
        if data is not None:
            text += f"<!-- data {data} -->\n"
        sizes["data" if data is not None else "plain"].append(len(text.encode()))
        out.append(text)
    return "".join(out), sizes

def main(binary):
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "n10000.md")
    text, sizes = notebook(10_000)
    with open(path, "w") as f:
        f.write(text)
    # No evidence folder at all: opening must not need it.
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795600000", NO_COLOR="1")
    best = None
    for _ in range(5):
        start = time.perf_counter()
        result = subprocess.run([binary, path], input="", capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        assert result.returncode == 0, result.stderr[-2000:]
        assert "evidence/t.csv (loaded in cell 1): the file is missing" in result.stderr, result.stderr[-2000:]
        best = elapsed if best is None else min(best, elapsed)
    print(f"{'open, 10,000 cells (3,333 citing), no evidence':48} {best:8.3f} s  target < 0.5 s: "
          f"{'met' if best < 0.5 else 'MISSED'}")
    plain = sum(sizes["plain"]) / len(sizes["plain"])
    cited = sum(sizes["data"]) / len(sizes["data"])
    print(f"{'bytes per cell that cites nothing':48} {plain:8.0f}    (no data line: as in v1)")
    print(f"{'bytes per cell that cites one row':48} {cited:8.0f}")

if __name__ == "__main__":
    main(sys.argv[1])
