#!/usr/bin/env python3
"""Evidence for the refund-guidance example: deterministic, and the story is in the data.

The refund window changed from 30 to 14 days on 2026-09-01. The wiki changed that day;
the macro library 49 days later; the PDF never. Agents answer from whichever source they
open, so the wrong answers follow the source, not the agent's tenure.

usage: gen_refund_guidance_evidence.py OUTDIR
"""
import csv, datetime, os, random, sys

POLICY_CHANGE = datetime.date(2026, 9, 1)
MACRO_FIXED = datetime.date(2026, 10, 20)
GENERATED_MACROS = datetime.date(2026, 11, 9)   # the action: macros generated from the policy page
START, END = datetime.date(2026, 8, 3), datetime.date(2026, 11, 20)
# The follow-up meeting's extract runs on past the action's judgement date (--after 2026-12-15).
FOLLOW_UP_END = datetime.date(2027, 1, 24)

AGENTS = [(f"agent{n:02d}", "new" if n % 3 == 0 else "senior") for n in range(1, 25)]
CHANNELS = ["email", "chat", "Chat", "phone", "web form"]
PHRASES = ["customer asks about refund window", "refund for damaged item",
           "asks if 20 days is too late", "refund request, order arrived late",
           "wants refund after \"trial\" period", "repeat contact about refund answer"]

def window(source, day):
    if day < POLICY_CHANGE:
        return 30
    if source == "wiki":
        return 14
    if source == "macro":
        return 30 if day < MACRO_FIXED else 14
    if source == "pdf":
        return 30 if day < GENERATED_MACROS else None
    return None

def main(out):
    r = random.Random(20261101)
    os.makedirs(out, exist_ok=True)
    rows = []
    day, n = START, 0
    first_extract = 0
    while day <= FOLLOW_UP_END:
        if day == END + datetime.timedelta(days=1):
            first_extract = len(rows)
        for _ in range(r.randint(3, 9) if day.weekday() < 5 else r.randint(0, 2)):
            n += 1
            agent, tenure = r.choice(AGENTS)
            if day >= GENERATED_MACROS:
                source = r.choices(["macro", "wiki"], [75, 25])[0]
            else:
                source = r.choices(["macro", "wiki", "pdf"], [58, 30, 12])[0]
            quoted = window(source, day)
            policy = 30 if day < POLICY_CHANGE else 14
            correct = quoted == policy
            # Answers right by the source can still reopen now and then; wrong ones usually do.
            reopened = "yes" if (not correct and r.random() < 0.7) or r.random() < 0.05 else "no"
            minute = r.randint(8 * 60, 18 * 60)
            opened = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
            summary = r.choice(PHRASES)
            if r.random() < 0.1:
                summary += ", escalated"
            rows.append({
                "ticket": f"RF-{n:05d}", "opened_at": opened.strftime("%Y-%m-%dT%H:%M"),
                "agent": agent, "tenure": tenure, "channel": r.choice(CHANNELS),
                "source": source if r.random() > 0.02 else "", "window_quoted": quoted if quoted else "",
                "correct": "yes" if correct else "no", "reopened": reopened, "summary": summary,
            })
        day += datetime.timedelta(days=1)
    # The investigation's extract, and the follow-up's: the same tickets and those after them.
    for name, kept in [("tickets.csv", rows[:first_extract]), ("tickets-2027-01-24.csv", rows)]:
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\r\n")
            w.writeheader()
            w.writerows(kept)
    changes = [
        ("2026-08-30", "wiki", "Refund policy page: window 30 -> 14 days from 2026-09-01", "Lee Park"),
        ("2026-09-01", "policy", "Refund window is 14 days (board decision FIN-88)", "Finance"),
        ("2026-10-20", "macro", "Macro 'Refund - window' updated to 14 days", "Dana Ortiz"),
        ("2026-11-09", "macro", "All refund macros regenerated from the policy page", "Dana Ortiz"),
        ("2026-11-09", "pdf", "Refund guide PDF retired; link now points to the policy page", "Lee Park"),
    ]
    with open(os.path.join(out, "policy-changes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "place", "change", "by"])
        w.writerows(changes)
    print(f"wrote {first_extract} tickets (and {len(rows)} in the follow-up extract) and {len(changes)} policy changes to {out}")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notebooks/refund-guidance/evidence")
