#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The same aggregation with the sqlite3 command-line tool: .import + GROUP BY.
# Usage: sqlite-split.sh LEDGER.csv  (UTF-8, ';', decimal comma)
set -euo pipefail
db=$(mktemp --suffix=.db)
trap 'rm -f "$db"' EXIT
sqlite3 "$db" <<SQL
.mode csv
.separator ;
.import '$1' ledger
SELECT substr(Tjeneste, 1, 3) AS f,
       SUM(CAST(ROUND(CAST(REPLACE(REPLACE("Beløp", ' ', ''), ',', '.') AS REAL) * 100) AS INTEGER))
  FROM ledger GROUP BY f ORDER BY f;
SQL
