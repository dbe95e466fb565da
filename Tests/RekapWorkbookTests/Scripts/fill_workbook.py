#!/usr/bin/env python3
"""Writes a report workbook in rekap's layout (Sources/RekapWorkbook/Layout/WorkbookLayout.swift)
with openpyxl, filled from a contract §1 JSON document, the way a person fills it in a spreadsheet:
numbers as number cells and some as Indonesian text, dates as date cells and as text, empty rows in
the middle of a section, an extra sheet, merged cells, formulas for sisa.

usage: fill_workbook.py DOCUMENT.json OUT.xlsx [--variant NAME ...]
variants: plain (default), messy (text numbers, text dates, blank rows, extra sheet, merged cells),
          region=CODE (metadata region), layout=VERSION (metadata layout), nometa, nosheet=NAME
"""
import datetime
import json
import sys
from decimal import Decimal

import openpyxl

args = sys.argv[1:]
source, out = args[0], args[1]
variants = args[2:]
messy = "messy" in variants
doc = json.load(open(source), parse_float=Decimal)
options = dict(v.split("=", 1) for v in variants if "=" in v)

wb = openpyxl.Workbook()
wb.active.title = "Petunjuk"
wb["Petunjuk"]["A1"] = "Petunjuk pengisian"


def table(name, title, headers):
    ws = wb.create_sheet(name)
    ws["A1"] = title
    for i, h in enumerate(headers):
        ws.cell(row=3, column=i + 1, value=h)
    return ws


def number(value, as_text=False):
    """A decimal string as a number cell, or as text the Indonesian way (§1.4)."""
    if value is None:
        return None
    d = Decimal(str(value))
    if as_text:
        sign = "-" if d < 0 else ""
        d = abs(d)
        integer, _, fraction = format(d, "f").partition(".")
        groups = []
        while integer:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        return sign + ".".join(groups) + ("," + fraction if fraction else "")
    return int(d) if d == d.to_integral_value() else float(d)


def date(text, as_text=False):
    if text is None:
        return None
    y, m, d = map(int, text.split("-"))
    if as_text:
        return f"{d:02d}/{m:02d}/{y}"
    return datetime.date(y, m, d)


ident = table("Identitas", "Identitas", [])
ident["A3"], ident["B3"] = "Kode wilayah", doc["region"]
ident["A4"], ident["B4"] = "Nama wilayah", "Dumai Timur"
ident["A5"], ident["B5"] = "Tahun", doc["year"]
ident["A6"], ident["B6"] = "Periode", doc["period"]
signed = doc.get("signed", {})
ident["B8"] = signed.get("by")
ident["B9"] = signed.get("nip")
ident["B10"] = signed.get("role")
ident["B11"] = date(signed.get("date"), as_text=messy)
if not messy and signed.get("date"):
    ident["B11"].number_format = "dd/mm/yyyy"
if messy:
    ident.merge_cells("B8:D8")

polarity = {"higher": "Semakin tinggi semakin baik", "lower": "Semakin rendah semakin baik"}
ws = table("Indikator", "Indikator Kinerja Utama", ["Kode", "Indikator"])
row = 4
for n, ind in enumerate(doc.get("indicators", [])):
    prev = ind.get("previous", {})
    values = [ind.get("code"), ind.get("name"), ind.get("sasaran"), ind.get("unit"),
              polarity[ind.get("polarity", "higher")] if not messy else ind.get("polarity"),
              number(ind.get("target")), number(ind.get("realisasi"), as_text=messy and n == 0),
              number(ind.get("reported_capaian")), None, number(ind.get("renstra_target")),
              number(prev.get("target")), number(prev.get("realisasi")), number(prev.get("reported_capaian")),
              number(ind.get("reported_penyerapan")), number(ind.get("reported_efisiensi"))]
    for c, v in enumerate(values):
        if v is not None:
            ws.cell(row=row, column=c + 1, value=v)
    ws.cell(row=row, column=9, value=f"=IFERROR(G{row}/F{row}*100,\"\")")
    row += 2 if messy else 1

levels = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}
belanja_labels = {"operasi": "Operasi", "modal": "Modal", "tidak_terduga": "Tidak terduga", "transfer": "Transfer"}
ws = table("Anggaran", "Anggaran dan Realisasi", ["Tingkat"])
row = 4
count = 0


def budget_row(level, item, **extra):
    global row, count
    text_amounts = messy and count % 3 == 1
    ws.cell(row=row, column=1, value=level)
    for col, key in ((2, "code"), (3, "name"), (4, "sumber_dana")):
        if item.get(key) is not None:
            ws.cell(row=row, column=col, value=item[key])
    if item.get("belanja"):
        ws.cell(row=row, column=5, value=belanja_labels[item["belanja"]])
    if item.get("kelurahan"):
        ws.cell(row=row, column=6, value=item["kelurahan"] + " Kelurahan")
    for col, key in ((7, "pagu_murni"), (8, "pagu"), (9, "realisasi")):
        if item.get(key) is not None:
            ws.cell(row=row, column=col, value=number(item[key], as_text=text_amounts))
    ws.cell(row=row, column=10, value=f"=H{row}-I{row}")
    count += 1
    row += 1
    if messy and count % 7 == 0:
        row += 1  # an empty row in the middle of a section


budget = doc.get("budget", {})
for program in budget.get("programs", []):
    budget_row("Program", program)
    for kegiatan in program.get("kegiatan", []):
        budget_row("Kegiatan", kegiatan)
        for sub in kegiatan.get("sub_kegiatan", []):
            budget_row("Sub kegiatan", sub)
for key, amounts in budget.get("belanja", {}).items():
    budget_row("Jumlah belanja", dict(amounts, belanja=key))
if "total" in budget:
    budget_row("Jumlah", budget["total"])

ws = table("PBB-P2", "Realisasi PBB-P2 per Kelurahan", ["Kode kelurahan"])
row = 4
for item in doc.get("pbb", []):
    for col, v in ((1, item["kelurahan"]), (3, number(item["ketetapan"])), (4, number(item["realisasi"])),
                   (6, item.get("objek")), (7, item.get("objek_lunas")), (8, date(item["as_of"], as_text=messy))):
        if v is not None:
            ws.cell(row=row, column=col, value=v)
    row += 1
# The template's pre-filled kelurahan with nothing reported: not a row of the document.
ws.cell(row=row + 1, column=1, value="14.72.02.1009")
ws.cell(row=row + 1, column=2, value="Kelurahan tanpa isian")

level_labels = {"kelurahan": "Kelurahan", "kecamatan": "Kecamatan", "kota": "Kota", "provinsi": "Provinsi", "nasional": "Nasional"}
ws = table("Penghargaan", "Penghargaan", ["Wilayah"])
row = 4
for award in doc.get("awards", []):
    for col, v in ((1, award["region"] + " Nama"), (2, award["title"]), (3, award.get("place")), (4, award.get("label")),
                   (5, level_labels[award["level"]]), (6, award.get("given_by")), (7, date(award.get("date")))):
        if v is not None:
            ws.cell(row=row, column=col, value=v)
    row += 1

if messy:
    extra = wb.create_sheet("Catatan saya", 2)
    extra["A1"] = "catatan pribadi, tidak dibaca"
    extra["B7"] = 12345

if "nometa" not in variants:
    meta = wb.create_sheet("rekap")
    meta.sheet_state = "hidden"
    rows = [("layout", options.get("layout", "rekap.workbook/v1")), ("document", "report"),
            ("region", options.get("region", doc["region"])), ("year", str(doc["year"])), ("period", doc["period"])]
    for i, (k, v) in enumerate(rows):
        meta.cell(row=i + 1, column=1, value=k)
        meta.cell(row=i + 1, column=2, value=v)

if "nosheet" in options:
    del wb[options["nosheet"]]

wb.save(out)
