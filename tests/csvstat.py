#!/usr/bin/python3
"""Independent reader for CSV files written by outreport, used by the tests.

usage: csvstat.py FILE COLUMN
prints: rows=N unique=M nulls=K distinct=a|b|c\n        header=<comma-separated names>
(unique/nulls counted over COLUMN; a BOM is accepted)
"""
import csv
import sys


def main():
    path, column = sys.argv[1], sys.argv[2]
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        idx = header.index(column)
        values = [row[idx] for row in reader]
    nulls = sum(1 for v in values if v == "")
    distinct = sorted(set(values))
    shown = "|".join(distinct) if len(distinct) <= 20 else "(many)"
    print(f"rows={len(values)} unique={len(distinct)} nulls={nulls} distinct={shown}")
    print(f"header={','.join(header)}")


if __name__ == "__main__":
    main()
