#!/usr/bin/env python3
"""Evidence for the sales-handoff example: deterministic, and the story is in the data.

Lumina sells HR software. When a deal is closed-won, the account executive fills in a handoff
form in the CRM for the implementation manager (IM): primary contact, decision maker, success
criteria, integrations, data volume and go-live target. Nothing on the form is required and it
is filled in after the close, from memory, days later; at quarter end, in a rush. The IM finds
the gaps at the kickoff call and asks the customer again. Every missing field adds days to the
customer's time to first value. From 2026-10-05 the six fields are required at the Closed-won
stage gate and the AE, the IM and the customer meet for a warm handoff before kickoff.

usage: gen_sales_handoff_evidence.py OUTDIR
"""
import csv, datetime, json, math, os, random, sys

START, END = datetime.date(2026, 4, 27), datetime.date(2026, 11, 13)
EXPORT_FROM = datetime.date(2026, 5, 4)      # the CS platform export starts with May kickoffs
TODAY = datetime.date(2026, 11, 20)
GATE = datetime.date(2026, 10, 5)
QUARTER_ENDS = [datetime.date(2026, 6, 30), datetime.date(2026, 9, 30)]
FIELDS = ["primary_contact", "decision_maker", "success_criteria", "integrations", "data_volume", "go_live_target"]
MISSING_P = {"primary_contact": 0.03, "decision_maker": 0.12, "success_criteria": 0.42, "integrations": 0.36,
             "data_volume": 0.28, "go_live_target": 0.15}
DELAY = {"primary_contact": 2, "decision_maker": 4, "success_criteria": 7, "integrations": 9, "data_volume": 5,
         "go_live_target": 3}
SEGMENTS = [("SMB", 50, 18, 9000), ("Mid-market", 35, 27, 32000), ("Enterprise", 15, 42, 120000)]
AES = ["a.ferreira", "b.osei", "c.lindgren", "d.mahler", "e.quinn", "f.rossi", "g.tanaka", "h.nowak", "i.brandt",
       "j.okoye", "k.varga", "l.moreno"]
IMS = ["im.sato", "im.keller", "im.dubois", "im.baptiste", "im.holm", "im.anand"]
REGIONS = ["EMEA", "emea", "Emea", "NA", "na", "APAC"]
COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure Works", "Litware", "Proseware",
             "Lucerne", "Margie's Travel", "Alpine Ski House", "Coho Winery", "Fourth Coffee", "Graphic Design Institute",
             "Humongous Insurance", "Blue Yonder Airlines", "Trey Research", "Woodgrove Bank", "Wide World Importers",
             "School of Fine Art", "City Power & Light", "Consolidated Messenger", "VanArsdel", "Relecloud"]
VALUES = {
    "primary_contact": lambda r, c: f"{r.choice(['Anna', 'Ravi', 'Sofia', 'Tom', 'Mei', 'Lars', 'Nora'])} "
                                    f"{r.choice(['Berg', 'Khan', 'Silva', 'Ward', 'Chen', 'Eriksen'])}, HR ops",
    "decision_maker": lambda r, c: r.choice(["CHRO", "VP People", "CFO", "Head of HR", "COO"]),
    "success_criteria": lambda r, c: r.choice(["payroll run in Lumina by go-live, zero manual exports",
                                               "onboarding time per hire under 2 days", "one source of truth for headcount",
                                               "replace spreadsheets for leave, \"self-service\" for managers",
                                               "TBD"]),
    "integrations": lambda r, c: r.choice(["Workday, SAP SuccessFactors", "ADP payroll", "Okta SSO", "Okta SSO, Slack",
                                           "Xero", "none", "SAP HCM, Azure AD"]),
    "data_volume": lambda r, c: f"{r.choice([120, 350, 800, 1500, 4000, 12000])} employees, "
                                f"{r.choice([3, 5, 8])} years history",
    "go_live_target": lambda r, c: (c + datetime.timedelta(days=r.choice([30, 45, 60, 90]))).isoformat(),
}
NOTES = ["customer wants to start asap", "pilot with one business unit first", "price agreed, \"no surprises\" please",
         "renewal of legacy contract, migration from v1", "", "", "champion leaving in Q1, loop in CFO"]

def quarter_end_rush(day):
    return any(0 <= (q - day).days < 14 for q in QUARTER_ENDS)

def main(out):
    r = random.Random(20261005)
    os.makedirs(out, exist_ok=True)
    deals, onboarding, gaps = [], [], []
    n = 0
    day = START
    while day <= END:
        if day.weekday() >= 5:
            day += datetime.timedelta(days=1)
            continue
        rush = quarter_end_rush(day)
        for _ in range(r.choice([2, 3, 3, 4, 4, 5]) + (r.randint(4, 7) if rush else 0)):
            n += 1
            seg, _, ttfv_base, arr_base = r.choices(SEGMENTS, [s[1] for s in SEGMENTS])[0]
            company = f"{r.choice(COMPANIES)} {r.choice(['Ltd', 'GmbH', 'Inc', 'AB', 'SAS', 'BV', 'plc'])}"
            closed = datetime.datetime.combine(day, datetime.time(r.randint(9, 18), r.randint(0, 59)))
            gated = day >= GATE
            missing = []
            for field in FIELDS:
                p = MISSING_P[field] * (1.5 if rush else 1.0) * (0.0 if gated else 1.0)
                if r.random() < p:
                    missing.append(field)
            row = {"deal_id": f"D-{26000 + n}", "account": company, "closed_won_at": closed.strftime("%Y-%m-%d %H:%M"),
                   "segment": seg, "region": r.choice(REGIONS), "account_exec": r.choice(AES),
                   "arr_eur": int(r.lognormvariate(math.log(arr_base), 0.4))}
            if gated:
                submitted = closed - datetime.timedelta(hours=r.randint(1, 72))
            else:
                submitted = closed + datetime.timedelta(days=r.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 14]) + (3 if rush else 0),
                                                        hours=r.randint(0, 8))
            row["form_submitted_at"] = submitted.strftime("%Y-%m-%d %H:%M")
            for field in FIELDS:
                value = "" if field in missing else VALUES[field](r, day)
                if gated and value == "TBD" and r.random() > 0.2:
                    # The gate defines a complete answer; "TBD" now gets through only now and then.
                    while value == "TBD":
                        value = VALUES[field](r, day)
                row[field] = value
            if row["success_criteria"] == "TBD" and "success_criteria" not in missing:
                missing.append("success_criteria")
            row["notes"] = r.choice(NOTES)
            row["missing_fields"] = len(missing)
            deals.append(row)

            kickoff = max(submitted, closed) + datetime.timedelta(days=r.randint(3, 8))
            if kickoff.weekday() >= 5:
                kickoff += datetime.timedelta(days=7 - kickoff.weekday())
            kickoff = datetime.datetime.combine(kickoff.date(), datetime.time(r.choice([9, 10, 11, 14, 15, 16]), r.choice([0, 30])))
            if kickoff.date() > TODAY or kickoff.date() < EXPORT_FROM:
                continue
            im = r.choice(IMS)
            quality = "complete" if not missing else ("partial" if len(missing) <= 2 else "poor")
            repeat = sum(1 for f in missing if r.random() < 0.85) + (1 if r.random() < 0.08 else 0)
            if gated:
                repeat = min(repeat, r.choice([0, 0, 0, 0, 1]))
            calls = 1 + sum(1 for f in missing if f in ("success_criteria", "integrations", "data_volume") and r.random() < 0.7)
            delay = sum(DELAY[f] for f in missing)
            ttfv = max(5, int(round(r.lognormvariate(math.log(ttfv_base + delay), 0.25))))
            first_value = kickoff.date() + datetime.timedelta(days=ttfv)
            reached = first_value <= TODAY
            onboarding.append({
                "kickoff_at": kickoff.strftime("%Y-%m-%dT%H:%M:%S"), "account": company, "deal_id": row["deal_id"],
                "closed_won_at": closed.strftime("%Y-%m-%dT%H:%M:%S"),
                "segment": seg, "im": im, "handoff_quality": quality, "missing_fields": len(missing),
                "discovery_calls": calls, "repeat_asks": repeat,
                "first_value_at": first_value.isoformat() if reached else None,
                "ttfv_days": ttfv if reached else None,
                "status": "live" if reached else "onboarding",
            })
            for field in missing:
                gaps.append([row["deal_id"], kickoff.strftime("%Y-%m-%d"), field,
                             r.choice(["kickoff call", "Kickoff call", "kickoff", "customer email", "IM review of form"]),
                             im])
        day += datetime.timedelta(days=1)

    with open(os.path.join(out, "crm-handoffs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(deals[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(deals)
    onboarding.sort(key=lambda o: o["kickoff_at"])
    with open(os.path.join(out, "cs-onboarding.jsonl"), "w", encoding="utf-8") as f:
        for o in onboarding:
            f.write(json.dumps({k: v for k, v in o.items() if v is not None}) + "\n")
    gaps.sort(key=lambda g: (g[1], g[0]))
    with open(os.path.join(out, "handoff-gaps.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["deal_id", "found_on", "field", "found_by", "im"])
        w.writerows(gaps)
    with open(os.path.join(out, "im-retro-notes.md"), "w", encoding="utf-8") as f:
        f.write(RETRO)
    print(f"wrote {len(deals)} deals, {len(onboarding)} onboardings, {len(gaps)} gaps to {out}")

RETRO = """# Implementation team retro, 2026-09-17 (notes)

Facilitated by Dana Whitlock (head of customer success). Six implementation managers, two account executives as guests.

## What the IMs said

- "I open the handoff form the day before kickoff. Half the time success criteria and integrations are blank."
- "The customer told sales all of this in discovery. At kickoff I ask again and they say: we already went through this."
- "Go-live dates get promised in the deal that I hear about for the first time at kickoff."
- "With 'TBD' in success criteria I can't plan the configuration; we book a second discovery call."

## What the AEs said

- "We fill the form after the deal is signed, usually a few days later, from notes and memory."
- "At quarter end there are ten deals to close in a week; the form waits."
- "Nothing on the form is required. Closed-won only needs the signed order form and the ARR."

## What we agreed to test

- Make the six fields required at the Closed-won stage gate, with a one-line definition of a complete answer each.
- A 30-minute warm handoff call: AE, IM and customer, before kickoff.
- Start with deals closing from 2026-10-05.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notebooks/sales-handoff/evidence")
