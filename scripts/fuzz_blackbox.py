#!/usr/bin/env python3
"""Seeded black-box fuzzing of the built gemba binary, as a hostile colleague would probe it.

Two kinds of case, both drawn from the example investigations under notebooks/:
  script    an example's investigation.gemba, cut and mutated (extreme numbers, escapes, markup,
            long lines, swapped and spliced lines), typed into a new notebook in batch mode;
  notebook  an example notebook with a cell's command, output or data mutated and every chain
            value recomputed (what a forger does), then verify, replay and every export run on it.

Every run must hold these, whatever the input:
  - no crash (a signal, a Swift trap) and no hang (each run has a time limit);
  - nothing printed carries a raw escape byte (NO_COLOR is set and output is not a terminal, so any
    ESC comes from input that was not escaped);
  - a notebook gemba wrote verifies;
  - nothing is written but the named outputs: the folder is compared before and after.

Usage: fuzz_blackbox.py GEMBA SECONDS [--seed N] [--artifacts DIR]
Each case's seed is printed with a failure; `--seed` reruns a whole session exactly.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(
    d for d in os.listdir(os.path.join(ROOT, "notebooks")) if os.path.isdir(os.path.join(ROOT, "notebooks", d))
)
LIMIT = 60  # seconds for one gemba run; an example replays in a few

HOSTILE = [
    "1e308", "-1e308", "5e-324", "-5e-324", "1e999", "nan", "inf", "-0", "9223372036854775808",
    "\x1b[8m", "\x1b[30;40m", "\x1b]0;title\x07", "\x1b[38;5;196m", "\u202e", "\u200b", "\x00", "\r",
    "<script>alert(1)</script>", "\"", "\\", "`", "```", '"""', "|", "=cmd|' /C calc'!A0", "../../etc/passwd",
    "/etc/hostname", "evidence/", ".gemba/trusted-keys", "~", "$HOME", "W1.1.1.1.1", "S99", "K0", "A-1",
    "x" * 70_000, "é" * 5_000, "2026-02-30", "9999-12-31T23:59:59Z", "--by", "--because", "--trust",
]


def mutate_text(rng, text):
    """One small change to a line of text: a token replaced, a hostile string inserted, a cut, a byte."""
    kind = rng.randrange(5)
    if kind == 0 and text:
        tokens = re.split(r"(\s+)", text)
        i = rng.randrange(len(tokens))
        tokens[i] = rng.choice(HOSTILE)
        return "".join(tokens)
    if kind == 1:
        i = rng.randrange(len(text) + 1)
        return text[:i] + rng.choice(HOSTILE) + text[i:]
    if kind == 2 and text:
        return text[: rng.randrange(len(text))]
    if kind == 3:
        numbers = list(re.finditer(r"-?\d+(\.\d+)?", text))
        if numbers:
            m = rng.choice(numbers)
            return text[: m.start()] + rng.choice(HOSTILE[:9]) + text[m.end() :]
    if text:
        i = rng.randrange(len(text))
        return text[:i] + chr(rng.randrange(1, 0x250)) + text[i + 1 :]
    return text


def script_case(rng):
    """An example's script, cut at a random line and mutated one to four times."""
    example = rng.choice(EXAMPLES)
    lines = open(os.path.join(ROOT, "notebooks", example, "investigation.gemba"), encoding="utf-8").read().split("\n")
    lines = lines[: rng.randrange(5, len(lines) + 1)]
    for _ in range(rng.randrange(1, 5)):
        op = rng.randrange(5)
        i = rng.randrange(len(lines))
        if op == 0:
            lines[i] = mutate_text(rng, lines[i])
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            del lines[i]
            if not lines:
                lines = [""]
        elif op == 3:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            other = rng.choice(EXAMPLES)
            donor = open(os.path.join(ROOT, "notebooks", other, "investigation.gemba"), encoding="utf-8").read()
            lines.insert(i, rng.choice(donor.split("\n")))
    return example, "\n".join(lines) + "\n"


CELL = re.compile(
    r"<!-- cell (\d+) · (\S+) · chain ([0-9a-f]+) -->\n```+gemba\n(.*?)\n```+\n```+output\n(.*?)\n?```+\n"
    r"(<!-- data ([^\n]*) -->\n)?",
    re.S,
)


def rechain(text):
    """Every chain value recomputed over the cells as they now read (docs/notebook.md's chain)."""
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    out, pos = [], 0
    for m in CELL.finditer(text):
        h = hashlib.sha256()
        parts = [chain, m.group(1), m.group(2), m.group(4), m.group(5)] + ([m.group(7)] if m.group(6) else [])
        for part in parts:
            b = part.encode("utf-8", "surrogatepass")
            h.update(f"{len(b)}:".encode())
            h.update(b)
        chain = h.hexdigest()[:16]
        out.append(text[pos : m.start(3)] + chain)
        pos = m.end(3)
    out.append(text[pos:])
    return "".join(out)


def notebook_case(rng):
    """An example notebook with one to three cells changed and the chain recomputed."""
    example = rng.choice(EXAMPLES)
    text = open(os.path.join(ROOT, "notebooks", example, example + ".md"), encoding="utf-8").read()
    for _ in range(rng.randrange(1, 4)):
        cells = list(CELL.finditer(text))
        m = rng.choice(cells)
        group = rng.choice([4, 4, 5, 7] if m.group(7) else [4, 5])
        start, end = m.span(group)
        part = text[start:end]
        if group == 7 and rng.random() < 0.5:
            # The stored payload is JSON: change a number or a string inside it.
            part = mutate_text(rng, part)
        elif rng.random() < 0.2:
            # A whole cell repeated or dropped: numbering and order are then wrong.
            cell = text[m.start() : m.end()]
            text = text[: m.start()] + (cell + cell if rng.random() < 0.5 else "") + text[m.end() :]
            continue
        else:
            part = mutate_text(rng, part)
        text = text[:start] + part + text[end:]
    return example, rechain(text)


def snapshot(folder):
    """Every file under folder with its size and content hash."""
    seen = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            if os.path.islink(path) or not os.path.isfile(path):
                seen[path] = "special"
                continue
            with open(path, "rb") as f:
                seen[path] = hashlib.sha256(f.read()).hexdigest()
    return seen


class Failure(Exception):
    pass


def run(gemba, args, folder, env, stdin=None):
    try:
        p = subprocess.run(
            [gemba] + args, input=stdin.encode("utf-8", "surrogatepass") if stdin is not None else None,
            stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, cwd=folder, env=env,
            timeout=LIMIT,
        )
    except subprocess.TimeoutExpired:
        raise Failure(f"`gemba {' '.join(args)}` did not finish in {LIMIT} s")
    if p.returncode < 0 or p.returncode >= 128:
        tail = p.stderr.decode("utf-8", "replace")[-2000:]
        raise Failure(f"`gemba {' '.join(args)}` crashed (status {p.returncode}):\n{tail}")
    for stream, data in (("stdout", p.stdout), ("stderr", p.stderr)):
        i = data.find(b"\x1b")
        if i >= 0:
            raise Failure(f"`gemba {' '.join(args)}` printed a raw escape on {stream}: {data[max(0, i - 60) : i + 20]!r}")
    return p


def one_case(gemba, rng, scratch):
    home = os.path.join(scratch, "home")
    folder = os.path.join(scratch, "work")
    os.makedirs(home)
    env = {
        "PATH": "/usr/bin:/bin", "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_STATE_HOME": os.path.join(home, "state"), "SOURCE_DATE_EPOCH": "1790000000", "NO_COLOR": "1",
        "LANG": "C.UTF-8", "TERM": "dumb",
    }
    kind = rng.choice(["script", "notebook"])
    if kind == "script":
        example, script = script_case(rng)
        shutil.copytree(os.path.join(ROOT, "notebooks", example, "evidence"), os.path.join(folder, "evidence"))
        before = snapshot(scratch)
        run(gemba, ["nb.md"], folder, env, stdin=script)
        nb = os.path.join(folder, "nb.md")
        if os.path.exists(nb):
            v = run(gemba, ["verify", "nb.md"], folder, env)
            if v.returncode != 0:
                raise Failure("a notebook gemba wrote does not verify:\n" + v.stdout.decode() + v.stderr.decode())
        # A session writes its notebook, evidence it imports or snapshots, exports a cell names, and history.
        after = snapshot(scratch)
        changed = [p for p in after if before.get(p) != after[p]]
        outside = [p for p in changed if not p.startswith(folder + os.sep) and not p.startswith(home + os.sep)]
        if outside or any(p in before for p in changed if p.startswith(os.path.join(folder, "evidence"))):
            raise Failure(f"files changed that the session did not name: {outside or changed}")
        return kind, example, script
    example, text = notebook_case(rng)
    shutil.copytree(os.path.join(ROOT, "notebooks", example, "evidence"), os.path.join(folder, "evidence"))
    with open(os.path.join(folder, "nb.md"), "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(text)
    before = snapshot(scratch)
    run(gemba, ["verify", "nb.md"], folder, env)
    run(gemba, ["replay", "nb.md"], folder, env)
    outputs = []
    for fmt in ["md", "html", "json", "8d", "8d.html", "a3", "dot", "ipynb"]:
        out = os.path.join(scratch, "out." + fmt)
        outputs.append(out)
        run(gemba, ["export", "nb.md", "--format", fmt.split(".")[0], "-o", out], folder, env)
    after = snapshot(scratch)
    changed = [p for p in after if before.get(p) != after[p] and p not in outputs]
    if changed:
        raise Failure(f"verify, replay or export changed files they were not asked to write: {changed}")
    return kind, example, text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gemba")
    parser.add_argument("seconds", type=float)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--artifacts", default=os.path.join(ROOT, ".build", "fuzz", "artifacts", "blackbox"))
    a = parser.parse_args()
    gemba = os.path.abspath(a.gemba)
    seed = a.seed if a.seed is not None else int(os.environ.get("GEMBA_FUZZ_SEED", "20261208"))
    master = random.Random(seed)
    deadline = time.monotonic() + a.seconds
    runs = 0
    counts = {"script": 0, "notebook": 0}
    while time.monotonic() < deadline:
        case_seed = master.randrange(2**32)
        rng = random.Random(case_seed)
        scratch = tempfile.mkdtemp(prefix="gemba-blackbox-")
        try:
            kind, _, _ = one_case(gemba, rng, scratch)
            counts[kind] += 1
        except Failure as failure:
            saved = os.path.join(a.artifacts, f"case-{case_seed}")
            shutil.rmtree(saved, ignore_errors=True)
            shutil.copytree(scratch, saved, symlinks=True)
            with open(os.path.join(saved, "FAILURE.txt"), "w") as f:
                f.write(f"session seed {seed}, case seed {case_seed}\n{failure}\n")
            print(f"fuzz: blackbox failed (session seed {seed}, case seed {case_seed}): {failure}", file=sys.stderr)
            print(f"fuzz: the case is kept in {saved}", file=sys.stderr)
            return 1
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        runs += 1
    print(f"fuzz: blackbox ran {runs} cases ({counts['script']} scripts, {counts['notebook']} re-chained notebooks), seed {seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
