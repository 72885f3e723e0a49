#!/usr/bin/python3
"""Independent reader for XLSX workbooks written by outreport, used by the tests.

Reads the workbook with openpyxl and prints facts, one per line, which
tests/test_renderer_xlsx.c looks for.  Strings are printed as JSON.

usage: check_xlsx.py FILE COMMAND [ARGS]
  sheets            sheet N NAME rows=R cols=C freeze=A2 filter=A1:C3 charts=K
                    print_rows=1:1 orientation=landscape|portrait|None
  cells SHEET [MAX] cell A1 t=s f=General v=VALUE [serial=N] [bold] [color=RRGGBB] [fill=RRGGBB]
                    [link=URL] [location=REF]   (non-empty cells of rows 1..MAX)
  rows SHEET        row 3 ["Calls", 1234, null, 0.25]   (values of non-empty rows)
  widths SHEET      width A=12.5
  charts SHEET      chart type=BarChart dir=col grouping=clustered series=2 title=..
                    x_title=.. y_title=.. legend=b|none cat_orientation=minMax|maxMin
                    colors=RRGGBB,.. points=RRGGBB,.. cats=REF vals=REF,..
  props             title=.. subject=.. creator=.. description=.. created=ISO
  count             (read-only mode) sheet NAME rows=N header=[...] last=[...]
exit status: 0, or 2 with a message when the file cannot be read.
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils.datetime import to_excel


def js(v):
    """A value as the tests see it: dates as ISO text, durations as Excel day numbers."""
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return repr(v.total_seconds() / 86400.0)
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return json.dumps(v, ensure_ascii=False)


def serial(v):
    """The Excel serial behind a date cell (1900 date system)."""
    if isinstance(v, datetime.datetime):
        return "%.6f" % to_excel(v)
    if isinstance(v, datetime.date):
        return "%.6f" % to_excel(datetime.datetime(v.year, v.month, v.day))
    return None


def rgb(color):
    if color is None or color.type != "rgb" or color.rgb is None:
        return None
    return str(color.rgb)[-6:]


def cmd_sheets(wb, args):
    for i, ws in enumerate(wb.worksheets):
        charts = len(getattr(ws, "_charts", []))
        print("sheet %d %s rows=%d cols=%d freeze=%s filter=%s charts=%d print_rows=%s "
              "orientation=%s" % (
                  i, js(ws.title), ws.max_row, ws.max_column, ws.freeze_panes,
                  ws.auto_filter.ref, charts, ws.print_title_rows, ws.page_setup.orientation))


def cmd_cells(wb, args):
    ws = wb[args[0]]
    limit = int(args[1]) if len(args) > 1 else None
    for row in ws.iter_rows(max_row=limit):
        for c in row:
            if c.value is None:
                continue
            out = ["cell", c.coordinate, "t=" + c.data_type, "f=" + c.number_format,
                   "v=" + js(c.value)]
            if serial(c.value) is not None:
                out.append("serial=" + serial(c.value))
            if c.font is not None and c.font.b:
                out.append("bold")
            col = rgb(c.font.color) if c.font is not None else None
            if col is not None:
                out.append("color=" + col)
            if c.fill is not None and c.fill.fill_type == "solid":
                out.append("fill=" + str(rgb(c.fill.fgColor)))
            if c.hyperlink is not None:
                if c.hyperlink.target:
                    out.append("link=" + c.hyperlink.target)
                if c.hyperlink.location:
                    out.append("location=" + c.hyperlink.location)
            print(" ".join(out))


def cmd_rows(wb, args):
    ws = wb[args[0]]
    for row in ws.iter_rows():
        values = [c.value for c in row]
        while values and values[-1] is None:
            values.pop()
        if values:
            print("row %d [%s]" % (row[0].row, ", ".join(
                "null" if v is None else js(v) for v in values)))


def cmd_widths(wb, args):
    ws = wb[args[0]]
    for key, dim in sorted(ws.column_dimensions.items()):
        if dim.width:
            print("width %s=%.2f" % (key, dim.width))


def rich_text(title):
    if title is None or title.tx is None:
        return None
    if title.tx.rich is not None:
        parts = []
        for p in title.tx.rich.p:
            for r in p.r or []:
                parts.append(r.t)
        return "".join(parts)
    if title.tx.strRef is not None:
        return "=" + title.tx.strRef.f
    return None


def srgb(fill):
    if fill is None or fill.srgbClr is None:
        return None
    c = fill.srgbClr
    return str(c if isinstance(c, str) else c.val)


def fill_of(props):
    """The solid fill of a shape, else its line colour."""
    if props is None:
        return None
    if srgb(props.solidFill) is not None:
        return srgb(props.solidFill)
    if props.line is not None:
        return srgb(props.line.solidFill)
    return None


def cmd_charts(wb, args):
    ws = wb[args[0]]
    for ch in ws._charts:
        out = ["chart", "type=" + type(ch).__name__]
        out.append("dir=%s" % getattr(ch, "barDir", None))
        out.append("grouping=%s" % getattr(ch, "grouping", None))
        out.append("series=%d" % len(ch.series))
        out.append("title=" + js(rich_text(ch.title)))
        x_axis = getattr(ch, "x_axis", None)
        y_axis = getattr(ch, "y_axis", None)
        out.append("x_title=" + js(rich_text(x_axis.title) if x_axis is not None else None))
        out.append("y_title=" + js(rich_text(y_axis.title) if y_axis is not None else None))
        out.append("legend=%s" % (ch.legend.position if ch.legend is not None else "none"))
        if x_axis is not None:
            out.append("cat_orientation=%s" % x_axis.scaling.orientation)
        out.append("colors=" + ",".join(str(fill_of(s.graphicalProperties)) for s in ch.series))
        if ch.series and ch.series[0].dPt:
            out.append("points=" + ",".join(str(fill_of(p.graphicalProperties))
                                            for p in ch.series[0].dPt))
        if ch.series and ch.series[0].cat is not None:
            ref = ch.series[0].cat.numRef or ch.series[0].cat.strRef
            out.append("cats=" + (ref.f if ref is not None else "None"))
        out.append("vals=" + ",".join(s.val.numRef.f for s in ch.series))
        out.append("names=" + ",".join(
            (s.tx.strRef.f if s.tx is not None and s.tx.strRef is not None else "None")
            for s in ch.series))
        print(" ".join(out))


def cmd_props(wb, args):
    p = wb.properties
    print("title=" + js(p.title))
    print("subject=" + js(p.subject))
    print("creator=" + js(p.creator))
    print("description=" + js(p.description))
    print("created=" + js(p.created))


def cmd_count(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    for ws in wb.worksheets:
        n = 0
        header = None
        last = None
        for row in ws.iter_rows(values_only=True):
            if header is None:
                header = list(row)
            else:
                last = list(row)
                n += 1
        print("sheet %s rows=%d header=%s last=%s" % (
            js(ws.title), n, js(header), json.dumps(last, ensure_ascii=False, default=str)))
    wb.close()


COMMANDS = {
    "sheets": cmd_sheets,
    "cells": cmd_cells,
    "rows": cmd_rows,
    "widths": cmd_widths,
    "charts": cmd_charts,
    "props": cmd_props,
}


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    try:
        if command == "count":
            cmd_count(path)
            return 0
        if command not in COMMANDS:
            print("unknown command " + command, file=sys.stderr)
            return 2
        wb = openpyxl.load_workbook(path)
        COMMANDS[command](wb, args)
    except Exception as e:  # the test prints this and fails
        print("check_xlsx.py: %s: %s: %s" % (path, type(e).__name__, e), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
