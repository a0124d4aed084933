#!/usr/bin/env python3
"""Evidence for the packing-errors example: deterministic, and the story is in the data.

Rivermead DC picks hardware and spare parts. A pick is confirmed on the handheld by scanning
the bin and item; if the label will not read, the picker keys the SKU in (manual). Firmware 4.2
(rolled out 2026-08-17) added a "confirm without scan" softkey: faster, and nothing is checked.
In zone C (small parts: look-alike fasteners side by side, scuffed labels) a fifth of the picks
soon went through it. Wrong items were then found only at the pack-out check, after the order was
packed, or by the customer. On 2026-10-26 the softkey was put behind a supervisor badge and zone
C was relabelled over the weekend before: the check moved back to the pick.

The defect rate follows the confirmation method, not the picker or the shift.

usage: gen_packing_errors_evidence.py OUTDIR
"""
import csv, datetime, os, random, sys

START, END = datetime.date(2026, 6, 1), datetime.date(2026, 11, 20)
FIRMWARE = datetime.date(2026, 8, 17)     # 4.2: "confirm without scan" softkey
RELABEL = datetime.date(2026, 10, 24)     # zone C labels replaced (Saturday)
FIX = datetime.date(2026, 10, 26)         # softkey needs a supervisor badge and a reason

ZONES = {"A": 0.15, "B": 0.25, "C": 0.30, "D": 0.30}
ZONE_NAME = {"A": "bulk", "B": "fittings", "C": "small parts", "D": "fast movers"}
SHIFTS = [("early", 6, 14, 0.55), ("late", 14, 22, 0.45)]

# Look-alike families in zone C sit in adjacent bins.
FAMILIES = {
    "A": [("PAL-CEM-25", ["PAL-CEM-25", "PAL-MOR-25"]), ("PAL-GRV-40", ["PAL-GRV-40", "PAL-SND-40"]),
          ("DRM-OIL-20", ["DRM-OIL-20", "DRM-OIL-25"])],
    "B": [("FIT-EL90-22", ["FIT-EL90-22", "FIT-EL90-28", "FIT-EL45-22"]), ("FIT-TEE-15", ["FIT-TEE-15", "FIT-TEE-22"]),
          ("VLV-BAL-22", ["VLV-BAL-22", "VLV-BAL-28"]), ("FIT-CPL-28", ["FIT-CPL-28", "FIT-CPL-22"])],
    "C": [("BLT-M8X40-ZN", ["BLT-M8X40-ZN", "BLT-M8X45-ZN", "BLT-M8X40-SS"]),
          ("BLT-M10X50-ZN", ["BLT-M10X50-ZN", "BLT-M10X55-ZN"]),
          ("SCR-4X30-PZ", ["SCR-4X30-PZ", "SCR-4X35-PZ", "SCR-4X30-TX"]),
          ("NUT-M8-NYL", ["NUT-M8-NYL", "NUT-M8-HEX"]), ("WSH-M10-FL", ["WSH-M10-FL", "WSH-M10-SP"]),
          ("ANC-8X60-NY", ["ANC-8X60-NY", "ANC-8X80-NY"])],
    "D": [("TAP-PTFE-12", ["TAP-PTFE-12", "TAP-PTFE-19"]), ("SIL-CLR-310", ["SIL-CLR-310", "SIL-WHT-310"]),
          ("GLV-NIT-L", ["GLV-NIT-L", "GLV-NIT-XL", "GLV-NIT-M"]), ("CBL-TIE-200", ["CBL-TIE-200", "CBL-TIE-300"])],
}
OTHER_ITEMS = ["HNG-100-BR", "BRK-L-50", "HOS-CLP-20", "DRL-HSS-6", "BIT-PH2-25", "LBL-ROLL-50", "FUS-13A-10"]

def method_weights(zone, day):
    """Shares of scan / manual key-in / confirm without scan."""
    if day < FIRMWARE:
        manual = 0.09 if zone == "C" else 0.02
        return [1 - manual, manual, 0.0]
    if day < FIX:
        override = 0.21 if zone == "C" else 0.035
        manual = 0.01 if zone == "C" else 0.006
        return [1 - manual - override, manual, override]
    manual = 0.015 if zone == "C" else 0.012
    override = 0.003
    return [1 - manual - override, manual, override]

ESCAPE = {"wrong variant": 0.30, "wrong item": 0.10, "wrong quantity": 0.18, "missing item": 0.08, "damaged": 0.12}
DEFECT_P = {"scan": 0.0011, "manual": 0.004, "override": 0.045}

def defect_type(r, method, zone):
    if method == "override":
        if zone == "C":
            return r.choices(["wrong variant", "wrong item", "wrong quantity", "missing item"], [64, 20, 12, 4])[0]
        return r.choices(["wrong variant", "wrong item", "wrong quantity", "missing item"], [38, 34, 20, 8])[0]
    return r.choices(["wrong quantity", "missing item", "damaged", "wrong item", "wrong variant"], [50, 20, 18, 6, 6])[0]

PACK_WORDS = ["Pack-out check", "pack-out check", "PACK-OUT", "Pack-out check", "pack out"]
RETURN_WORDS = ["Customer return", "customer return", "Customer return (RMA)"]
NOTES = {
    "wrong variant": ["M8x45 sent instead of M8x40, same bin row", "look-alike in next bin, 40 vs 45 mm",
                      "stainless ordered, zinc sent", "wrong size, labels on C row scuffed",
                      "variant mix-up, bins side by side", ""],
    "wrong item": ["different product in carton", "item from neighbouring bin", "SKU does not match packing list", ""],
    "wrong quantity": ["qty 10 ordered, 1 box of 5 sent", "short by one pack", "pack of 100 instead of 50", ""],
    "missing item": ["line not in carton", "carton sealed without line 3", ""],
    "damaged": ["crushed carton, \"fragile\" label missing", "tube split, sealant leaking", ""],
}

def main(out):
    r = random.Random(20261026)
    os.makedirs(out, exist_ok=True)
    pickers = []
    for n in range(12):
        kind = "agency" if n % 3 == 2 else "permanent"
        start = (datetime.date(2026, 5, 18) + datetime.timedelta(days=7 * r.randint(0, 3))) if kind == "agency" \
            else (datetime.date(2019, 1, 7) + datetime.timedelta(days=r.randint(0, 2200)))
        badge = f"T{201 + n // 3}" if kind == "agency" else f"P{101 + n - n // 3}"
        pickers.append((badge, kind, start, r.choice("ABCD")))
    hours = {p[0]: 0.0 for p in pickers}
    volume, defects, log = [], [], []
    order_no = 571000
    devices = [f"HH-{n:02d}" for n in range(1, 25)]
    log.append((datetime.datetime(2026, 6, 1, 5, 40, 0), "INFO", "gateway started: 24 handhelds registered, firmware 4.1.3"))
    log.append((datetime.datetime(2026, 8, 17, 5, 32, 10), "INFO",
                "firmware 4.2.0 pushed to 24 handhelds: adds softkey F3 \"confirm without scan\" (change RFC-2231, requested to cut pick time)"))
    log.append((datetime.datetime(2026, 10, 24, 13, 5, 44), "INFO", "zone C: 412 bin labels replaced (work order FM-1187)"))
    log.append((datetime.datetime(2026, 10, 26, 5, 31, 2), "INFO",
                "config profile PICK-7 applied: F3 \"confirm without scan\" requires supervisor badge and reason code (CAPA-0412)"))
    n_defect = 0
    day = START
    while day <= END:
        if day.weekday() >= 5:
            day += datetime.timedelta(days=1)
            continue
        total = int(r.gauss(700, 45))
        for shift, h0, h1, share in SHIFTS:
            for zone, zshare in ZONES.items():
                lines = max(0, int(round(total * share * zshare * r.uniform(0.9, 1.1))))
                counts = {"scan": 0, "manual": 0, "override": 0}
                for _ in range(lines):
                    method = r.choices(["scan", "manual", "override"], method_weights(zone, day))[0]
                    counts[method] += 1
                    picker = r.choice(pickers)
                    hours[picker[0]] += 1 / 10.0   # about 10 lines an hour: small parts are counted
                    t = datetime.datetime.combine(day, datetime.time(h0)) + datetime.timedelta(seconds=r.randint(600, (h1 - h0) * 3600 - 600))
                    order_no += 1 if r.random() < 0.4 else 0
                    line_no = r.randint(1, 6)
                    family = r.choice(FAMILIES[zone])
                    bin_ = f"{zone}-{r.randint(1, 14):02d}-{r.randint(1, 5)}"
                    if method == "override":
                        reason = r.choices(["label unreadable", "no reason given", "scanner slow", "bin label missing"],
                                           [55, 25, 12, 8] if zone == "C" else [25, 45, 25, 5])[0]
                        if r.random() < 0.45 and reason in ("label unreadable", "bin label missing"):
                            log.append((t - datetime.timedelta(seconds=r.randint(8, 40)), "ERROR",
                                        f"{r.choice(devices)} no read: bin={bin_} attempts={r.randint(2, 4)}"))
                        log.append((t, "WARN", f"{r.choice(devices)} confirm without scan: order=SO-{order_no} line={line_no} "
                                               f"bin={bin_} sku={family[0]} picker={picker[0]} reason=\"{reason}\""))
                    elif method == "manual" and r.random() < 0.3:
                        log.append((t, "INFO", f"{r.choice(devices)} manual key-in: order=SO-{order_no} line={line_no} "
                                               f"bin={bin_} sku={family[0]} picker={picker[0]}"))
                    if r.random() < DEFECT_P[method] * (1.35 if zone == "C" and method == "override" else 1.0):
                        n_defect += 1
                        kind = defect_type(r, method, zone)
                        escaped = r.random() < ESCAPE[kind]   # the visual check at pack-out misses look-alikes most
                        found = t + (datetime.timedelta(days=r.randint(3, 9), hours=r.randint(0, 6)) if escaped
                                     else datetime.timedelta(minutes=r.randint(20, 180)))
                        if kind == "wrong variant":
                            sent = r.choice([s for s in family[1] if s != family[0]])
                        elif kind == "wrong item":
                            sent = r.choice(OTHER_ITEMS)
                        elif kind == "missing item":
                            sent = ""
                        else:
                            sent = family[0]
                        cost = round(r.uniform(48, 95), 2) if escaped else round(r.uniform(6.5, 12.5), 2)
                        recorded = method if r.random() > 0.04 else ""
                        defects.append({
                            "defect_id": f"DF-{n_defect:05d}", "picked_at": t.strftime("%Y-%m-%dT%H:%M:%S"),
                            "found_at": found.strftime("%Y-%m-%dT%H:%M:%S"),
                            "found_by": r.choice(RETURN_WORDS if escaped else PACK_WORDS),
                            "stage": "customer" if escaped else "pack-out",
                            "order_no": f"SO-{order_no}", "order_line": line_no, "zone": zone, "bin": bin_,
                            "sku_ordered": family[0], "sku_sent": sent, "defect_type": kind,
                            "confirm_method": recorded, "picker": picker[0], "shift": shift,
                            "cost_eur": f"{cost:.2f}", "note": r.choice(NOTES[kind]),
                        })
                for method, n in counts.items():
                    volume.append([day.isoformat(), shift, zone, method, n])
        day += datetime.timedelta(days=1)

    defects.sort(key=lambda d: d["picked_at"])
    for i, d in enumerate(defects, 1):
        d["defect_id"] = f"DF-{i:05d}"
    with open(os.path.join(out, "defects.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(defects[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(defects)
    with open(os.path.join(out, "pick-volume.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "shift", "zone", "confirm_method", "lines"])
        w.writerows(volume)
    with open(os.path.join(out, "pickers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["picker", "contract", "start_date", "home_zone", "pick_hours"])
        for p, kind, start, zone in pickers:
            w.writerow([p, kind, start.isoformat(), zone, f"{hours[p]:.1f}"])
    log.sort(key=lambda e: e[0])
    with open(os.path.join(out, "scanner-gateway.log"), "w", encoding="utf-8") as f:
        for t, level, msg in log:
            f.write(f"{t.strftime('%Y-%m-%dT%H:%M:%S')} {level:<5} {msg}\n")
    with open(os.path.join(out, "gemba-walk-zone-c.md"), "w", encoding="utf-8") as f:
        f.write(WALK)
    print(f"wrote {len(defects)} defects, {len(volume)} volume rows, {len(log)} log lines to {out}")

WALK = """# Gemba walk, zone C (small parts mezzanine), 2026-10-14

Walked by: Amira Haddad (quality), Tom Reyes (shift lead, early), Kasia Nowak (pack-out lead).
Watched 3 pickers for 40 minutes each on the early shift; no names recorded on purpose.

## What we saw at the pick

- Bins C-07-2 and C-07-3 hold BLT-M8X40-ZN and BLT-M8X45-ZN side by side; the parts look the same in the hand.
- The label on C-07-3 is scuffed; the handheld failed to read it 3 times out of 5 tries.
- After two failed reads every picker pressed F3 "confirm without scan"; the handheld accepted the line with no check.
- Manual key-in of the SKU still works but takes about 20 seconds; F3 takes 1 second.
- The pick-rate board shows lines per hour per picker; nothing shows pick accuracy.
- 31 of the 60 labels we checked on rows C-05 to C-09 were scuffed or faded; rows B-01 to B-04 had 2.

## What we saw at pack-out

- The pack-out check compares the carton with the packing list by eye, after the order is packed.
- A wrong variant (40 vs 45 mm) is only caught if the packer measures or reads the bag label.
- The defect form records the order and the defect type; it has no box for the bin or how the pick was confirmed.
- Found defects go back on the shelf and the order is re-picked; nobody tells the pick zone.

## Lighting and layout

- Facilities measured 410 lux at bin level in zone C and 450 lux in zone B; the site standard is 300 lux minimum.
- Aisle widths and bin heights in zone C are the same as in zone B.

## Questions for the root-cause session

- Why does the handheld let a line be confirmed without any check?
- Why is the only check at the end, after the carton is packed?
- Who owns label condition? There is no label check in the 5S audit.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "notebooks/packing-errors/evidence")
