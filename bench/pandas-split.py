#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The same aggregation as `veiviser-cli split`, done with pandas, for comparison.

Prints booked totals per KOSTRA function (first three digits of Tjeneste) in øre
and the sum per (function, ansvar), so the benchmark can check veiviser's totals.
"""
import json
import sys

import pandas as pd

path, encoding = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "utf-8")
df = pd.read_csv(path, sep=";", decimal=",", thousands=" ", encoding=encoding,
                 dtype={"Ansvar": str, "Tjeneste": str, "Art": str, "Prosjekt": str})
df["Funksjon"] = df["Tjeneste"].str[:3]
df["ore"] = (df["Beløp"] * 100).round().astype("int64")
booked = df.groupby("Funksjon")["ore"].sum()
by_unit = df.groupby(["Funksjon", "Ansvar"])["ore"].sum()
print(json.dumps({"lines": len(df), "booked": {k: int(v) for k, v in booked.items()},
                  "units": len(by_unit)}))
