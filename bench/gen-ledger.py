#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic generator of realistic Norwegian municipal ledger exports.

Writes a semicolon-separated ERP-style general-ledger export (decimal comma,
occasional thousands spaces, quoted text with ';' and æøå, income as negative
amounts) and a matching units register, for benchmarks and stress tests.

  gen-ledger.py --lines 1000000 --year 2023 --out ledger.csv --units units.csv
  gen-ledger.py --lines 100000 --encoding cp1252 --out ledger-1252.csv
"""
import argparse
import random

UNITS = [
    # ansvar, name, allocation
    ("4101", "Solbakken bofellesskap", "257:100"),
    ("4102", "Granly samlokaliserte omsorgsboliger", "257:80 258:20"),
    ("4103", "Åsheim bofellesskap for psykisk helse", "257:70 258:30"),
    ("4104", "Bjørkly avlastningsbolig", "257:100"),
    ("4200", "Hjemmesykepleien sone nord", "258:100"),
    ("4201", "Hjemmesykepleien sone sør", "258:100"),
    ("4210", "Praktisk bistand og hjemmehjelp", "258:100"),
    ("4220", "BPA-ordningen", "258:100"),
    ("4230", "Psykisk helse- og rustjeneste, ambulant", "258:100"),
    ("4310", "Dagsenteret Lyngtun", "234:100"),
    ("4400", "Lyngtun sykehjem", "253:100"),
    ("4500", "Boligforvaltning omsorgsboliger", "265:100"),
]
UNASSIGNED = ["4900", "4901"]          # ansvar with no unit: shows up as unassigned

TEXTS = [
    "Lønn fast ansatte", "Vikarlønn; helg", "Overtid høytid", "Kjøring – bilgodtgjørelse",
    "Medisinsk forbruksmateriell", "Husleie omsorgsbolig; januar", "Kurs og opplæring",
    "Refusjon sykepenger", "Egenandel praktisk bistand", "Matvarer, fellesmåltid",
    "Strøm; \"Ærfugl\" bygg", "Telefon og data", "Vedlikehold bygg, maling",
]
ARTS_EXPENSE = ["1010", "1020", "1030", "1040", "1090", "1100", "1115", "1120", "1170", "1200", "1230"]
ARTS_INCOME = ["1620", "1630", "1700", "1710", "1810"]


def functions_for(ansvar, year, rng):
    if ansvar in ("4400",):
        return "253"
    if ansvar == "4310":
        return "234"
    if ansvar == "4500":
        return "265"
    if year <= 2023:
        return "254"
    if ansvar.startswith("41"):
        return "257" if rng.random() < 0.9 else "258"
    return "258"


def fmt_amount(ore, rng):
    neg = ore < 0
    ore = abs(ore)
    kr, o = divmod(ore, 100)
    s = str(kr)
    if rng.random() < 0.3 and len(s) > 3:
        parts = []
        while len(s) > 3:
            parts.insert(0, s[-3:])
            s = s[:-3]
        parts.insert(0, s)
        s = " ".join(parts)
    s = f"{s},{o:02d}"
    return "-" + s if neg else s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100000)
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--seed", type=int, default=257258)
    ap.add_argument("--encoding", choices=["utf-8", "cp1252"], default="utf-8")
    ap.add_argument("--out", required=True)
    ap.add_argument("--units")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    ansvars = [u[0] for u in UNITS] + UNASSIGNED
    weights = [6, 4, 3, 2, 8, 8, 5, 3, 3, 2, 10, 1, 1, 1]

    with open(args.out, "w", encoding=args.encoding, newline="") as f:
        f.write("Periode;Ansvar;Tjeneste;Art;Prosjekt;Tekst;Beløp\r\n")
        for _ in range(args.lines):
            ansvar = rng.choices(ansvars, weights)[0]
            func = functions_for(ansvar, args.year, rng)
            tjeneste = func + rng.choice(["", "10", "20", "30"])
            if rng.random() < 0.12:
                art = rng.choice(ARTS_INCOME)
                ore = -rng.randint(100, 5_000_000)
            else:
                art = rng.choice(ARTS_EXPENSE)
                ore = rng.randint(100, 8_000_000)
            period = f"{args.year}{rng.randint(1, 12):02d}"
            project = "" if rng.random() < 0.8 else str(rng.randint(1000, 9999))
            text = rng.choice(TEXTS)
            if ";" in text or '"' in text:
                text = '"' + text.replace('"', '""') + '"'
            f.write(f"{period};{ansvar};{tjeneste};{art};{project};{text};{fmt_amount(ore, rng)}\r\n")

    if args.units:
        with open(args.units, "w", encoding="utf-8", newline="") as f:
            f.write("Ansvar;Navn;Fordeling\n")
            for a, n, alloc in UNITS:
                f.write(f"{a};{n};{alloc}\n")


if __name__ == "__main__":
    main()
