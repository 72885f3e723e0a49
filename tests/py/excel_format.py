# SPDX-License-Identifier: MIT
"""What Excel shows for a cell: its value in its number format.

An independent reader of the number format codes outreport writes, so that
a test can compare the workbook's text with the PDF's, the CSV's and the
e-mail's: sections (positive;negative;zero), quoted literals, "#,##0" with
its decimals, "%" (the value times 100), "[h]:mm:ss" durations and
"yyyy-mm-dd[ hh:mm]" dates.  Rounding is half away from zero, as Excel's.
"""
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal


def _sections(code):
    out, cur, quoted = [], "", False
    for ch in code:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _number(value, spec, group):
    decimals = len(spec.split(".")[1]) if "." in spec else 0
    q = Decimal(1).scaleb(-decimals)
    d = Decimal(repr(abs(value))).quantize(q, rounding=ROUND_HALF_UP)
    text = f"{d:,.{decimals}f}" if group else f"{d:.{decimals}f}"
    return text


def show(value, code):
    """The text Excel shows for @value (number, datetime, timedelta, time) in @code."""
    if code in ("", "General"):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        dates = {"yyyy-mm-dd": "%Y-%m-%d", "yyyy-mm-dd hh:mm": "%Y-%m-%d %H:%M",
                 "yyyy-mm-dd hh:mm:ss": "%Y-%m-%d %H:%M:%S"}
        return value.strftime(dates[code])
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds() / 86400.0
    if isinstance(value, datetime.time):
        value = (value.hour * 3600 + value.minute * 60 + value.second) / 86400.0
    secs = _sections(code)
    if value < 0 and len(secs) > 1:
        sec, sign = secs[1], ""
    elif value == 0 and len(secs) > 2:
        sec, sign = secs[2], ""
    else:
        sec, sign = secs[0], "-" if value < 0 else ""
    if "[h]" in sec:
        s = int(Decimal(repr(abs(value) * 86400.0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        body = f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
        return sign + re.sub(r"\[h\]:mm:ss", body, sec).replace('"', "")
    percent = "%" in re.sub(r'"[^"]*"', "", sec)
    v = value * 100 if percent else value
    m = re.search(r"[#0][#0,]*(\.0+)?", re.sub(r'"[^"]*"', lambda x: " " * len(x.group()), sec))
    number = _number(v, m.group(), "," in m.group())
    out = sec[:m.start()] + number + sec[m.end():]
    return sign + out.replace('"', "")
