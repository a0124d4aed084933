#!/usr/bin/env python3
"""Evidence for the exception-path example: deterministic, and the story is in the data.

Harbour Foods' accounts-payable team resolves invoice exceptions. Most types go round-robin to
five specialists. Three types (no PO, vendor bank change, intercompany) were routed in 2023 to one
senior specialist, Elena Moreau, by name: she was the only one who knew the path. When she is away
they wait, unseen, and the SLA reminders go to her inbox. On 2026-10-26 the three types were moved
to a role queue (AP-EXC-L2) worked by her and two deputies from a written decision table; her
November leave is the test.

usage: gen_exception_path_evidence.py OUTDIR
"""
import csv, datetime, json, math, os, random, sys

START, END = datetime.date(2026, 6, 1), datetime.date(2026, 11, 20)
FIX = datetime.date(2026, 10, 26)
AWAY = [  # Elena Moreau's absences
    (datetime.date(2026, 7, 6), datetime.date(2026, 7, 10), "conference (SSC summit)"),
    (datetime.date(2026, 8, 10), datetime.date(2026, 8, 21), "annual leave"),
    (datetime.date(2026, 9, 28), datetime.date(2026, 10, 1), "sick"),
    (datetime.date(2026, 11, 9), datetime.date(2026, 11, 13), "annual leave"),
]
TEAM = ["kchen", "mokafor", "sdubois", "pnowak", "ljansen"]
DEPUTIES = ["kchen", "sdubois"]
SENIOR = "emoreau"
TYPES = [("price variance", 33, False), ("quantity variance", 19, False), ("no PO", 16, True),
         ("duplicate suspect", 10, False), ("tax code", 8, False), ("intercompany", 8, True),
         ("vendor bank change", 6, True)]
VENDORS = ["Nordic Fresh AB", "Smith, Jones & Co Ltd", "Kessler Verpackung GmbH", "Atlas Cold Chain BV",
           "Green Valley Farms", "Brennan Logistics", "Le Moulin SARL", "Pacific Spice Traders",
           "Harbour Foods NL B.V. (intercompany)", "Harbour Foods DE GmbH (intercompany)", "Clearwater Packaging",
           "O'Neill & Daughters", "Metro Facilities Services", "Ridgeway Dairy Co-op", "TransEuro Freight"]
SOURCES = ["EDI", "edi", "Email PDF", "email pdf", "Supplier portal", "portal"]
COMMENTS = {
    "price variance": ["unit price on invoice 2% above PO", "PO price not updated after contract renewal", ""],
    "quantity variance": ["short delivery, GRN 40 of 48", "invoice for full qty, partial receipt", ""],
    "no PO": ["invoice with no PO, buyer unknown", "retro PO needed, \"urgent\" per vendor", "services invoice, no PO raised",
              "no PO - waiting for Elena", ""],
    "duplicate suspect": ["same amount and date as INV 88213", "possible resend by vendor portal", ""],
    "tax code": ["reverse charge missing", "VAT code 0% on domestic supply", ""],
    "intercompany": ["IC recharge, counterparty entity unclear", "IC invoice, needs matching in both ledgers",
                     "waiting for Elena, she knows the IC mapping", ""],
    "vendor bank change": ["new IBAN on invoice, call-back required", "bank letter received by email, verify", ""],
}

def away(day):
    return any(a <= day <= b for a, b, _ in AWAY)

def next_present(day):
    while away(day) or day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day

def work_hours(r, median):
    return max(0.3, r.lognormvariate(math.log(median), 0.7))

def add_work_hours(t, hours):
    """t plus `hours` of the working day (08:00-17:00, Monday to Friday)."""
    while hours > 0:
        if t.weekday() >= 5 or t.hour >= 17:
            t = datetime.datetime.combine(t.date() + datetime.timedelta(days=1), datetime.time(8))
            continue
        if t.hour < 8:
            t = datetime.datetime.combine(t.date(), datetime.time(8))
        left = (datetime.datetime.combine(t.date(), datetime.time(17)) - t).total_seconds() / 3600
        step = min(left, hours)
        t += datetime.timedelta(hours=step)
        hours -= step
    return t

def main(out):
    r = random.Random(20261109)
    os.makedirs(out, exist_ok=True)
    rows, alerts = [], []
    n = 0
    day = START
    while day <= END:
        if day.weekday() >= 5:
            day += datetime.timedelta(days=1)
            continue
        for _ in range(max(8, int(r.gauss(22, 4)))):
            n += 1
            kind, _, special = r.choices(TYPES, [t[1] for t in TYPES])[0]
            opened = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(minutes=r.randint(0, 9 * 60))
            if special and day < FIX:
                assignee = SENIOR
                ready = next_present(opened.date())
                if ready > opened.date():
                    # She is away: the item waits, unseen, until she is back and works through the backlog.
                    start = datetime.datetime.combine(ready, datetime.time(8)) + datetime.timedelta(
                        days=r.choice([0, 0, 1, 1, 2, 3]) if (ready - opened.date()).days > 3 else 0)
                    if (ready - opened.date()).days >= 7 and r.random() < 0.2:
                        # Grabbed by a colleague after a week of waiting, and worked without the path.
                        assignee = r.choice(TEAM)
                        start = datetime.datetime.combine(opened.date() + datetime.timedelta(days=7), datetime.time(9))
                        resolved = add_work_hours(start, work_hours(r, 14))
                    else:
                        resolved = add_work_hours(start, work_hours(r, 5))
                else:
                    resolved = add_work_hours(opened, work_hours(r, 5))
            elif special:
                assignee = "AP-EXC-L2"
                resolved = add_work_hours(opened, work_hours(r, 5.5))
            else:
                assignee = r.choice(TEAM)
                resolved = add_work_hours(opened, work_hours(r, 4))
            still_open = resolved > datetime.datetime(2026, 11, 20, 12, 0)
            hours_open = (resolved - opened).total_seconds() / 3600
            amount = round(r.lognormvariate(math.log(4200), 1.1), 2)
            terms_discount = r.random() < 0.35
            # 2/10 terms: the invoice is dated about 5 days before it reaches AP, so after 5 more days the discount is gone.
            discount_lost = round(amount * 0.02, 2) if terms_discount and hours_open > 120 and not still_open else 0
            handler = assignee
            if assignee == "AP-EXC-L2":
                handler = r.choice([SENIOR] * 2 + DEPUTIES) if not away(opened.date()) else r.choice(DEPUTIES)
            rows.append({
                "exception_id": f"EX-{n:05d}", "opened_at": opened.strftime("%Y-%m-%d %H:%M"),
                "type": kind, "vendor": r.choice(VENDORS) if kind != "intercompany" else r.choice(VENDORS[8:10]),
                "entity": r.choice(["HF-UK", "HF-UK", "HF-NL", "HF-DE"]), "source": r.choice(SOURCES),
                "amount_eur": f"{amount:.2f}", "assigned_to": assignee,
                "resolved_by": "" if still_open else handler,
                "resolved_at": "" if still_open else resolved.strftime("%Y-%m-%d %H:%M"),
                "hours_to_resolve": "" if still_open else f"{hours_open:.1f}",
                "status": "open" if still_open else "resolved",
                "discount_lost_eur": f"{discount_lost:.2f}" if discount_lost else "",
                "comment": r.choice(COMMENTS[kind]),
            })
            # The SLA monitor: a reminder to the assignee for every 24 h an item is unresolved.
            end = min(resolved, datetime.datetime(2026, 11, 20, 12, 0))
            k = 1
            while opened + datetime.timedelta(hours=24 * k) < end:
                t = opened + datetime.timedelta(hours=24 * k)
                if t.weekday() < 5:
                    alerts.append({"ts": t.strftime("%Y-%m-%dT%H:%M:%S"), "exception": f"EX-{n:05d}", "type": kind,
                                   "event": "sla_reminder", "sent_to": assignee, "age_hours": 24 * k,
                                   "escalated": k >= 5 and assignee == "AP-EXC-L2"})
                k += 1
        day += datetime.timedelta(days=1)

    with open(os.path.join(out, "exceptions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    alerts.sort(key=lambda a: (a["ts"], a["exception"]))
    with open(os.path.join(out, "sla-monitor.jsonl"), "w", encoding="utf-8") as f:
        for a in alerts:
            f.write(json.dumps(a) + "\n")
    with open(os.path.join(out, "routing-rules.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["rule", "exception_type", "route_to", "route_kind", "configured_by", "configured_on", "last_reviewed", "note"])
        w.writerow(["R01", "price variance", "AP-TEAM", "round robin", "Implementer (Veridian)", "2023-02-14", "", ""])
        w.writerow(["R02", "quantity variance", "AP-TEAM", "round robin", "Implementer (Veridian)", "2023-02-14", "", ""])
        w.writerow(["R03", "duplicate suspect", "AP-TEAM", "round robin", "Implementer (Veridian)", "2023-02-14", "", ""])
        w.writerow(["R04", "tax code", "AP-TEAM", "round robin", "Implementer (Veridian)", "2023-02-14", "2024-06-03", "tax team consulted by email"])
        w.writerow(["R05", "no PO", "emoreau", "named user", "Implementer (Veridian)", "2023-02-14", "", "\"Elena knows the retro-PO path\""])
        w.writerow(["R06", "intercompany", "emoreau", "named user", "Implementer (Veridian)", "2023-02-14", "", "IC mapping, ask Elena"])
        w.writerow(["R07", "vendor bank change", "emoreau", "named user", "Implementer (Veridian)", "2023-03-02", "", "call-back verification"])
        w.writerow(["R08", "no PO", "AP-EXC-L2", "role queue", "AP systems (R. Patel)", "2026-10-26", "2026-10-26", "replaces R05, CAPA-AP-031"])
        w.writerow(["R09", "intercompany", "AP-EXC-L2", "role queue", "AP systems (R. Patel)", "2026-10-26", "2026-10-26", "replaces R06, CAPA-AP-031"])
        w.writerow(["R10", "vendor bank change", "AP-EXC-L2", "role queue", "AP systems (R. Patel)", "2026-10-26", "2026-10-26", "replaces R07, CAPA-AP-031"])
    with open(os.path.join(out, "out-of-office.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["person", "from", "to", "reason", "backup"])
        entries = [(SENIOR, a.isoformat(), b.isoformat(), why, "") for a, b, why in AWAY]
        entries[-1] = (SENIOR, AWAY[-1][0].isoformat(), AWAY[-1][1].isoformat(), AWAY[-1][2], "AP-EXC-L2 (kchen, sdubois)")
        entries += [("kchen", "2026-07-20", "2026-07-31", "annual leave", "mokafor"),
                    ("mokafor", "2026-08-24", "2026-09-04", "annual leave", "pnowak"),
                    ("sdubois", "2026-09-07", "2026-09-11", "annual leave", "ljansen"),
                    ("pnowak", "2026-10-05", "2026-10-09", "annual leave", "kchen"),
                    ("ljansen", "2026-06-15", "2026-06-19", "training", "sdubois")]
        entries.sort(key=lambda e: e[1])
        w.writerows(entries)
    with open(os.path.join(out, "ap-standup-notes.md"), "w", encoding="utf-8") as f:
        f.write(NOTES)
    print(f"wrote {len(rows)} exceptions, {len(alerts)} SLA alerts to {out}")

NOTES = """# AP team stand-up notes (extracts)

Kept by Ravi Patel, AP systems lead. Only the entries that mention exceptions are kept here.

## 2026-07-13

- Backlog from last week: about 30 items in Elena's inbox from while she was at the summit.
- Jo (AP manager) asks why nobody picked them up. Answer: nobody else can see them, they are assigned to her by name.

## 2026-08-12

- Nordic Fresh bank change waiting since Monday. Nobody else has done the call-back; Elena is on leave until the 21st.
- Sophie tried a no-PO invoice from Clearwater; did not know which budget owner to ask. Left it.

## 2026-08-24

- Elena back. About 60 items waited in her queue, the oldest two weeks. Two vendors put us on hold for late payment.
- Lost early-payment discounts on several invoices (2/10 terms).

## 2026-10-01

- Elena off sick Monday to Thursday; same pattern, intercompany recharges stuck. The SLA reminders go to her own inbox.
- Question from Jo: is there anything written down for these three types? Answer: the SOP says "refer to the senior specialist".

## 2026-10-19

- Root-cause session held. Decision: move no-PO, bank change and intercompany to a role queue with two deputies,
  and write the decision table into the SOP. Kevin and Sophie shadow Elena this week.

## 2026-11-16

- Elena on leave last week. Queue AP-EXC-L2 worked by Kevin and Sophie from the decision table. No backlog.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notebooks/exception-path/evidence")
