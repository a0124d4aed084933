#!/usr/bin/env python3
"""Drives the built gemba binary in a real pseudo-terminal, as a facilitator types.

usage: shell_session.py SCENARIO GEMBA_BINARY FOLDER

Each scenario opens FOLDER/nb.md, types, and checks what the terminal shows; it
exits 0 when every expectation held, else 1 with the failed step and the screen's
tail on stderr. The Swift test (ShellPtyTests) then reads the notebook on disk.
"""
import os
import re
import signal
import sys

import pexpect

PROMPT = r"gemba \[(\d+)\]> "
TIMEOUT = 20  # generous: the machine is shared with other builds


class Session:
    def __init__(self, binary, folder, notebook="nb.md"):
        env = dict(os.environ)
        env.update(
            TERM="xterm",
            GEMBA_TEST_PTY="1",  # bracketed paste off: no ESC[?2004h in the transcript
            NO_COLOR="1",
            SOURCE_DATE_EPOCH="1795600000",
            LC_ALL="C.UTF-8",
            XDG_STATE_HOME=os.path.join(folder, "state"),
            INPUTRC="/dev/null",  # the user's key bindings must not change the test
        )
        self.transcript = []
        self.child = pexpect.spawn(
            binary, [notebook], env=env, cwd=folder, dimensions=(40, 120), timeout=TIMEOUT, encoding="utf-8"
        )
        self.child.logfile_read = self
        self.expect_prompt(1 if notebook == "nb.md" and not os.path.exists(os.path.join(folder, notebook)) else None)

    # pexpect's logfile: keep everything the terminal showed.
    def write(self, text):
        self.transcript.append(text)

    def flush(self):
        pass

    def expect(self, pattern, step):
        try:
            self.child.expect(pattern)
        except (pexpect.TIMEOUT, pexpect.EOF) as error:
            fail(step, self, f"expected {pattern!r}, got {type(error).__name__}")
        return self.child.match

    def expect_prompt(self, number=None, step="prompt"):
        match = self.expect(PROMPT, step)
        if number is not None and int(match.group(1)) != number:
            fail(step, self, f"expected the prompt gemba [{number}]>, got gemba [{match.group(1)}]>")

    def type(self, text):
        """Types text and waits for its echo (the tty drops input it has not read yet)."""
        self.child.send(text)
        if text:
            self.expect(re.escape(text.splitlines()[-1] if text.strip() else text), f"echo of {text!r}")

    def run(self, command, number, output=None):
        """Types a one-line command, Enter, checks its output, waits for the next prompt."""
        self.type(command)
        self.child.send("\r")
        if output:
            self.expect(re.escape(output), f"output of {command!r}")
        self.expect_prompt(number, f"prompt after {command!r}")

    def tab(self, times=1):
        self.child.send("\t" * times)

    def quit(self):
        """Ctrl-D on an empty line: saves, quits, exit 0."""
        self.child.sendcontrol("d")
        self.expect(r"saved nb\.md \((\d+) cells\)", "Ctrl-D says where the notebook is")
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            fail("Ctrl-D", self, "gemba did not exit")
        self.child.close()
        if self.child.exitstatus != 0:
            fail("Ctrl-D", self, f"exit status {self.child.exitstatus}, signal {self.child.signalstatus}")

    def screen(self):
        return "".join(self.transcript)


def fail(step, session, message):
    tail = session.screen()[-1500:] if session else ""
    sys.stderr.write(f"step failed: {step}: {message}\n--- terminal (last 1500 chars) ---\n{tail}\n")
    sys.exit(1)


def completion(binary, folder):
    """Tab completes verbs, cause ids, options and paths."""
    os.makedirs(os.path.join(folder, "evidence"), exist_ok=True)
    open(os.path.join(folder, "evidence", "tickets.csv"), "w").write("id,reason\n1,macro\n")
    s = Session(binary, folder)
    s.run('fishbone "answers differ" --template 6M', 2, "bones: Manpower, Method")
    s.run('cause Method "policy in three places"', 3, "C1 [Method]")
    s.run('cause C1 "macro lags the wiki"', 4, "C1.1 [Method]")
    s.run('cause Machine "search shows retired macros"', 5, "C2 [Machine]")
    # `pro` + Tab Tab lists both verbs, then the line is still `pro`.
    s.type("pro")
    s.tab(2)
    s.expect(r"problem\s+process\s*\r\n" + PROMPT + "pro", "Tab Tab after `pro` lists problem and process")
    s.child.sendcontrol("u")
    # `confirm C` + Tab Tab lists the cause ids in diagram order.
    s.type("confirm C")
    s.tab(2)
    s.expect(r"C1\s+C1\.1\s+C2\s*\r\n" + PROMPT + "confirm C", "Tab Tab after `confirm C` lists C1 C1.1 C2")
    # Typing on narrows it; Tab completes the id, then an option.
    s.child.send("1.\t")
    s.expect(r"1\.1 ", "Tab completes C1.1")
    s.child.send("--bec\t")
    s.expect(r"--because ", "Tab completes --because")
    s.run("macro edits lag wiki edits", 6, "C1.1 confirmed")
    # Paths complete below the notebook's folder: the folder first, then the file.
    s.child.send("load ev\t")
    s.expect(r"load evidence/", "Tab completes the evidence/ folder")
    s.child.send("t\t")
    s.expect(r"tickets\.csv ", "Tab completes evidence/tickets.csv")
    s.child.sendcontrol("u")
    s.quit()
    if "\x1b[?2004h" in s.screen():
        fail("transcript", s, "bracketed paste was on although GEMBA_TEST_PTY=1")


def history(binary, folder):
    """Up recalls the previous session's commands, failed ones too; duplicates are skipped."""
    s = Session(binary, folder)
    s.run('why "first"', 2, "W1 first")
    s.run('why "first"', 3, "W2 first")
    s.run("bogus", 3, "unknown command `bogus`")
    s.quit()
    s = Session(binary, folder)
    s.child.send("\x1b[A")  # Up
    s.expect("bogus", "Up recalls the failed command")
    s.child.send("\x1b[A")
    s.expect(r'why "first"', "Up again recalls `why \"first\"`")
    s.child.send("\x1b[A")
    s.expect("\x07", "Up once more rings the bell: the repeated command was stored once")
    s.child.send("\r")
    s.expect(r"W3 first", "the recalled command runs")
    s.expect_prompt(4)
    s.quit()


def interrupt(binary, folder):
    """Ctrl-C clears a half-typed line, and abandons a multi-line command; the session goes on."""
    s = Session(binary, folder)
    s.type('problem "half typed')
    s.child.sendintr()
    s.expect(r"\^C\r\n" + PROMPT, "Ctrl-C gives a fresh prompt")
    s.type('note """')
    s.child.send("\r")
    s.expect(r"   \.\.\.> ", "an open \"\"\" string shows the continuation prompt")
    s.type("a line never sent")
    s.child.sendintr()
    s.expect(r"\^C\r\n" + PROMPT, "Ctrl-C in a continuation returns to the primary prompt")
    s.type("title Refunds")
    s.child.send("\r")
    s.expect_prompt(2, "the session goes on after Ctrl-C")
    s.type('note """')
    s.child.send("\r")
    s.expect(r"\.\.\.> ", "continuation prompt")
    s.type("two")
    s.child.send("\r")
    s.expect(r"\.\.\.> ", "continuation prompt")
    s.type('lines"""')
    s.child.send("\r")
    s.expect(r"two\r\nlines", "the multi-line note's output")
    s.expect_prompt(3)
    s.quit()


def killed(binary, folder):
    """kill -9 after seven entered commands: the seven cells are on disk (fsync before the prompt)."""
    s = Session(binary, folder)
    for n in range(1, 8):
        s.run(f'why "reason {n}"', n + 1, f"W{n} reason {n}")
    s.type("why \"typed but not entered\"")
    os.kill(s.child.pid, signal.SIGKILL)
    s.child.expect(pexpect.EOF)
    s.child.close()


def rotated(binary, folder):
    """A large log rotated with copytruncate while the session has it loaded: the next query
    says the file changed under it (no crash, no answer from the new bytes); loading it again
    reads the new file."""
    path = os.path.join(folder, "evidence", "app.log")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    errors = 0
    with open(path, "w") as f:
        i = 0
        while f.tell() < 20_000_000:  # past the 16 MiB from which a log is mapped, not read
            level = "ERROR" if i % 100 == 0 else "INFO"
            errors += level == "ERROR"
            f.write(f"2026-11-01 10:{i // 60 % 60:02d}:{i % 60:02d} {level} request {i} served\n")
            i += 1
    s = Session(binary, folder)
    s.run("load evidence/app.log as applog", 2, "loaded applog: ")
    s.run("applog | where level = ERROR | count", 3, f"{errors:,} rows")
    os.truncate(path, 0)
    with open(path, "a") as f:
        f.write("2026-11-02 10:00:00 ERROR after rotation\n")
    # Refused, so not a cell: the prompt stays at 3.
    s.run("applog | where level = ERROR | count", 3, "changed on disk after it was loaded")
    s.run("load evidence/app.log as applog", 4, "loaded applog: 1 row × 3 columns")
    s.run("applog | where level = ERROR | count", 5, "1 row")
    s.quit()


SCENARIOS = {f.__name__: f for f in (completion, history, interrupt, killed, rotated)}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(SCENARIOS)} GEMBA_BINARY FOLDER")
    SCENARIOS[sys.argv[1]](sys.argv[2], sys.argv[3])
    print("ok")
