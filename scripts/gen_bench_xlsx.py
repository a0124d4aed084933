#!/usr/bin/env python3
"""Writes the evidence benchmark's tickets.csv as an Excel workbook, the way Excel would keep it.

usage: gen_bench_xlsx.py TICKETS.csv OUT.xlsx

One sheet, `tickets`: a header row, then every record; opened_at as a date-time cell (format
yyyy-mm-dd hh:mm:ss), handle_minutes and csat as numbers, everything else as shared
strings (xlsxwriter's default, as Excel writes them). The same CSV always gives the same cells.
"""
import csv, datetime, sys
import xlsxwriter

src, out = sys.argv[1], sys.argv[2]
book = xlsxwriter.Workbook(out, {"strings_to_numbers": False})
sheet = book.add_worksheet("tickets")
when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
with open(src, newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    sheet.write_row(0, 0, header)
    numeric = {header.index("handle_minutes"), header.index("csat")}
    opened = header.index("opened_at")
    for r, record in enumerate(rows, start=1):
        for c, value in enumerate(record):
            if c == opened:
                sheet.write_datetime(r, c, datetime.datetime.fromisoformat(value), when)
            elif c in numeric:
                if value != "":
                    sheet.write_number(r, c, int(value))
            else:
                sheet.write_string(r, c, value)
book.close()
