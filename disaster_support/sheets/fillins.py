"""Fill-in values of signs and messages: parse what staff typed, and write it the way each language does."""
import datetime
import re

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from flask_babel import lazy_gettext as _l

from ..i18n import BY_CODE

MAX_TEXT = 40
MAX_URL = 200
PHONE = re.compile(r"^[0-9+#\-\s()]{2,20}$")
# CLDR's short Korean time abbreviates the day period to "PM"; Korean notices write 오후.
# CLDR's zh-Hans short time pads the hour (07:30); Chinese notices, like the Japanese beside them, write 7:30.
TIME_PATTERNS = {"ko": "aaaa h:mm", "zh-Hans": "H:mm"}
BLANKS = {"time": "__:__", "date": "____/__/__", "number": "____", "text": "__________",
          "phone": "____-____-____", "url": "______________"}


class FillinError(ValueError):
    """A value that cannot be used; the message is shown to staff in their language."""


def parse(field, raw, allow_blank=False):
    """Turn typed text into a clean stored value (a string), or raise FillinError with a clear message."""
    value = (raw or "").strip()
    if not value:
        if field.required and not allow_blank:
            raise FillinError(_l("Please fill this in."))
        return ""
    return PARSERS[field.type](value)


def _time(value):
    match = re.fullmatch(r"(\d{1,2})[:：時](\d{2})分?", value)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise FillinError(_l("Write the time as hours and minutes, for example 13:30."))
    return f"{int(match[1]):02d}:{match[2]}"


def _date(value):
    try:
        return datetime.date.fromisoformat(value.replace("/", "-")).isoformat()
    except ValueError:
        raise FillinError(_l("Write the date as year-month-day, for example 2026-11-23.")) from None


def _number(value):
    digits = value.replace(",", "")
    if not digits.isdigit() or int(digits) > 99999:
        raise FillinError(_l("Write a whole number from 0 to 99999."))
    return str(int(digits))


def _text(value):
    if len(value) > MAX_TEXT:
        raise FillinError(_l("Please keep this to %(count)s characters or fewer.", count=MAX_TEXT))
    if any(ord(char) < 32 for char in value):
        raise FillinError(_l("Please write this on one line."))
    return value


def _phone(value):
    if not PHONE.match(value):
        raise FillinError(_l("Write a phone number with digits, for example 03-1234-5678."))
    return value


def _url(value):
    if len(value) > MAX_URL or not re.fullmatch(r"https?://[^\s<>\"']+\.[^\s<>\"']+", value):
        raise FillinError(_l("Write a web address that starts with https://"))
    return value


PARSERS = {"time": _time, "date": _date, "number": _number, "text": _text, "phone": _phone, "url": _url}


def display(field, value, code):
    """The stored value written for language `code` (a blank line to fill by hand when empty)."""
    if not value:
        return BLANKS[field.type]
    return format_value(field.type, value, code)


def format_value(kind, value, code):
    """A clean stored value of type `kind` written for language `code`."""
    locale = BY_CODE[code].locale
    if kind == "time":
        hour, minute = map(int, value.split(":"))
        return format_time(datetime.time(hour, minute), format=TIME_PATTERNS.get(code, "short"), locale=locale)
    if kind == "date":
        return format_date(datetime.date.fromisoformat(value), format="medium", locale=locale)
    if kind == "number":
        return format_decimal(int(value), locale=locale)
    return value


MARKS = "①②③④⑤⑥⑦⑧⑨"
RANGES = (("from", "until"), ("start_time", "end_time"))  # two times printed as one span: 9:00–17:00
NOT_SHARED = ("url",)  # an address is for the QR code, not for reading across the room


def neutral(kind, value):
    """A stored value written the same for every reader: 7:30, 2026-12-03, 1200, or the text as typed."""
    if kind == "time":
        hour, minute = value.split(":")
        return f"{int(hour)}:{minute}"
    return value


def shared_facts(fields, values):
    """([Fact], {field name: mark}): the values printed once, big, for every language on a sheet; each blank
    value becomes a write-in box with a mark (①) that the sentences show in its place."""
    from .layout import Fact

    facts, marks = [], {}
    by_name = {f.name: f for f in fields}
    skip = set()
    for spec in fields:
        if spec.type in NOT_SHARED or spec.name in skip:
            continue
        value = values.get(spec.name, "")
        pair = next((end for start, end in RANGES if start == spec.name and end in by_name), None)
        if value and pair and values.get(pair):
            facts.append(Fact(f"{neutral('time', value)}–{neutral('time', values[pair])}", "time"))
            skip.add(pair)
        elif value:
            facts.append(Fact(neutral(spec.type, value), spec.type))
        else:
            marks[spec.name] = MARKS[len(marks) % len(MARKS)]
            facts.append(Fact("", spec.type, marks[spec.name]))
    return tuple(facts), marks
