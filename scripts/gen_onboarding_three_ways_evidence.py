#!/usr/bin/env python3
"""Evidence for the onboarding-three-ways example: deterministic, and the story is in the data.

Brightwater Energy's home-moves team hires a cohort of new agents every three weeks. Three
trainers take turns, and each teaches the move-request process (CS-SOP-21) their own way:
Grace Okafor from her 2024 deck (SOP v2: an estimated meter reading is fine, the old wrap-up
codes), Rolf Lindqvist from his own notes (set the account up first, verify identity at the end),
Ama Mensah from the current SOP v3. In nesting, QA reviews five cases per new hire per week; each
cohort makes the errors its class taught. From the cohort of 2026-09-28 every trainer teaches
from one curriculum built from SOP v3, and the cohorts stop differing.

usage: gen_onboarding_three_ways_evidence.py OUTDIR
"""
import csv, datetime, json, os, random, sys

END = datetime.date(2026, 11, 20)
CURRICULUM = datetime.date(2026, 9, 28)   # first cohort taught from the one curriculum
TRAINERS = {"Okafor": "Grace Okafor", "Lindqvist": "Rolf Lindqvist", "Mensah": "Ama Mensah"}
COHORTS = [(datetime.date(2026, 4, 13), "Okafor"), (datetime.date(2026, 5, 4), "Lindqvist"),
           (datetime.date(2026, 5, 25), "Mensah"), (datetime.date(2026, 6, 15), "Okafor"),
           (datetime.date(2026, 7, 6), "Lindqvist"), (datetime.date(2026, 7, 27), "Mensah"),
           (datetime.date(2026, 8, 17), "Okafor"), (datetime.date(2026, 9, 7), "Lindqvist"),
           (datetime.date(2026, 9, 28), "Okafor"), (datetime.date(2026, 10, 19), "Lindqvist")]
DECKS = {"Okafor": ("okafor-moves-2024.2.pptx", "v2"), "Lindqvist": ("moves-notes-RL (personal)", "none"),
         "Mensah": ("mensah-moves-2026.1.pptx", "v3")}
CURRICULUM_DECK = ("CS-21 curriculum 1.0", "v3")
STEPS = ["verify identity", "capture move details", "take meter readings", "set up account",
         "record wrap-up code", "send confirmation"]
# Errors anyone makes while learning, by step (per review).
GENERIC = {"verify identity": 0.006, "capture move details": 0.012, "take meter readings": 0.008,
           "set up account": 0.01, "record wrap-up code": 0.008, "send confirmation": 0.006}
# What each class teaches that the SOP does not.
TAUGHT = {
    "Okafor": {"take meter readings": (0.13, "estimated reading, no photo or validation"),
               "record wrap-up code": (0.065, "2024 wrap-up code used (MV-OUT-OLD)")},
    "Lindqvist": {"verify identity": (0.12, "identity verified after the account was changed"),
                  "record wrap-up code": (0.02, "free-text note instead of wrap-up code")},
    "Mensah": {},
}
DETAIL = {"verify identity": "identity check incomplete", "capture move details": "move date not confirmed with customer",
          "take meter readings": "reading not checked against last actual", "set up account": "final bill not triggered",
          "record wrap-up code": "wrong wrap-up code", "send confirmation": "confirmation email not sent"}
TASKS = [("move out", 40), ("move in", 35), ("change of tenancy", 25)]
CHANNELS = ["Phone", "phone", "Email", "email", "Webchat", "webchat"]
REVIEWERS = ["QA-Hollis", "QA-Marsh", "QA-Iqbal", "QA-Teo"]
FIRST = ["Aisha", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jack", "Kiran", "Leah", "Mo",
         "Nina", "Owen", "Priya", "Quinn", "Ruby", "Sam", "Tara", "Umar", "Vera", "Will", "Yusuf", "Zoe"]
COMMENTS = {
    "take meter readings": ["estimated from last year, customer had no reading", "no photo, reading \"about 4,500\"",
                            "estimate entered, no validation", ""],
    "verify identity": ["DOB and postcode checked after tenancy closed", "ID check at end of call, account already changed",
                        "security questions skipped, \"known customer\"", ""],
    "record wrap-up code": ["used MV-OUT-OLD, retired in March", "code missing, note says moved out", ""],
    "capture move details": ["move date taken from email, not confirmed", ""],
    "set up account": ["final bill not triggered for old address", ""],
    "send confirmation": ["confirmation not sent, customer called back", ""],
}

def main(out):
    r = random.Random(20260928)
    os.makedirs(out, exist_ok=True)
    roster, reviews, lms = [], [], []
    n_agent, n_review, n_case = 400, 0, 880000
    for start, trainer in COHORTS:
        size = r.randint(6, 9)
        new_way = start >= CURRICULUM
        deck, sop = CURRICULUM_DECK if new_way else DECKS[trainer]
        for _ in range(size):
            n_agent += 1
            agent = f"NH-{n_agent}"
            name = f"{r.choice(FIRST)} {chr(65 + r.randint(0, 25))}."
            source = r.choices(["agency", "direct", "internal move"], [45, 45, 10])[0]
            site = r.choice(["Leeds", "Leeds", "Cardiff"])
            roster.append([agent, name, start.isoformat(), TRAINERS[trainer], source, site])
            skill = r.uniform(0.8, 1.2)   # people differ a little; classes differ a lot
            for k, module in enumerate(["M1 Moves overview", "M2 Identity and security", "M3 Meter readings",
                                        "M4 Account set-up", "M5 Wrap-up codes", "M6 Confirmation and follow-up"]):
                t = datetime.datetime.combine(start + datetime.timedelta(days=k * 2 + r.randint(0, 1)), datetime.time(r.randint(10, 16), r.randint(0, 59)))
                if t.date() > END:
                    continue
                lms.append({"completed_at": t.strftime("%Y-%m-%dT%H:%M:%S"), "learner": agent, "cohort": start.isoformat(),
                            "module": module, "deck": deck, "sop_version": sop,
                            "trainer": TRAINERS[trainer], "score": min(100, int(r.gauss(86, 7)))})
            for week in range(3, 11):
                monday = start + datetime.timedelta(weeks=week - 1)
                for _ in range(5):
                    day = monday + datetime.timedelta(days=r.randint(0, 4))
                    if day > END:
                        continue
                    n_review += 1
                    n_case += r.randint(1, 40)
                    learning = 1.35 - 0.07 * (week - 3)           # generic errors fade with practice
                    habit = 1.0 - 0.025 * (week - 3)               # taught errors mostly stay
                    errors = []
                    for step in STEPS:
                        if r.random() < GENERIC[step] * learning * skill:
                            errors.append((step, DETAIL[step]))
                    if not new_way:
                        for step, (p, detail) in TAUGHT[trainer].items():
                            if r.random() < p * habit * skill:
                                errors.append((step, detail))
                    errors.sort(key=lambda e: STEPS.index(e[0]))
                    first = errors[0] if errors else None
                    t = datetime.datetime.combine(day, datetime.time(r.randint(9, 16), r.randint(0, 59), r.randint(0, 59)))
                    reviews.append({
                        "review_id": f"QA-{n_review:05d}", "reviewed_at": t.strftime("%Y-%m-%d %H:%M:%S"),
                        "case_id": f"MV-{n_case}", "agent": agent, "cohort": start.isoformat(),
                        "trainer": TRAINERS[trainer] if r.random() > 0.03 else "",
                        "tenure_week": week, "task": r.choices([t_ for t_, _ in TASKS], [w for _, w in TASKS])[0],
                        "channel": r.choice(CHANNELS), "reviewer": r.choice(REVIEWERS),
                        "result": "fail" if errors else "pass", "errors": len(errors),
                        "error_step": first[0] if first else "", "error_detail": first[1] if first else "",
                        "comment": r.choice(COMMENTS[first[0]]) if first else "",
                    })
    reviews.sort(key=lambda x: x["reviewed_at"])
    for i, row in enumerate(reviews, 1):
        row["review_id"] = f"QA-{i:05d}"
    with open(os.path.join(out, "qa-reviews.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(reviews[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(reviews)
    with open(os.path.join(out, "roster.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["agent", "name", "cohort", "trainer", "hire_source", "site"])
        w.writerows(roster)
    lms.sort(key=lambda e: (e["completed_at"], e["learner"]))
    with open(os.path.join(out, "lms-completions.jsonl"), "w", encoding="utf-8") as f:
        for e in lms:
            f.write(json.dumps(e) + "\n")
    with open(os.path.join(out, "class-observations.md"), "w", encoding="utf-8") as f:
        f.write(NOTES)
    print(f"wrote {len(reviews)} QA reviews, {len(roster)} new hires, {len(lms)} LMS completions to {out}")

NOTES = """# Class observations: the move-request module taught three ways

Observed by Nadia Roberts (training lead) in the first week of September 2026, sitting in the same
module (M2 to M5, the move-request process) with each trainer. Notes are about what is taught, not
about the trainers.

## Grace Okafor, cohort of 2026-08-17

- Teaches from her deck "okafor-moves-2024.2"; the title slide says "based on CS-SOP-21 v2".
- Meter readings: "if the customer has no reading, estimate it from last year's - the system accepts it".
- SOP v3 (March 2026) needs a photo or a reading checked against the last actual; the deck predates it.
- Wrap-up codes are taught from the 2024 list, which still has MV-OUT-OLD (retired in March).

## Rolf Lindqvist, cohort of 2026-09-07

- Teaches from his own notes, no slides; he built them when he was a team lead.
- Account set-up first, identity check at the end of the call, "so the customer is not kept waiting".
- SOP v3 step 1 is identity before any change to the account; the CRM does not enforce the order.
- Tells the class a short free-text note is fine when no wrap-up code fits.

## Ama Mensah, cohort of 2026-07-27

- Teaches from "mensah-moves-2026.1", rebuilt in April from SOP v3 after she read it on the intranet.
- Follows the SOP order: identity, move details, readings with photo or validation, account, code, confirmation.

## Across the three

- Nobody owns the training material: each trainer keeps their own deck in their own folder.
- SOP v3 was emailed to team leads on 2026-03-02; the trainers were not on the list.
- QA feedback goes to each new hire and their team lead; nobody looks at QA results by cohort or by class.
- The CRM accepts an estimated reading with no photo, and lets the account be changed before identity is verified.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notebooks/onboarding-three-ways/evidence")
