"""Issue 13 (7): times and dates read right in every sign and message, every language, on paper and on screen.

The class of bug, not one instance: every time/date field of every phrase is filled in every language and the
text must neither repeat the unit the formatter already wrote ("12:00 น. น.") nor mix styles of writing a time.
"""
import datetime
import re

import pytest

from conftest import visible_text
from disaster_support import clock
from disaster_support.catalog import catalog
from disaster_support.i18n import CODES
from disaster_support.sheets import fillins
from disaster_support.sheets.render import SheetRequest, fill_plain

SAMPLE = {"time": "07:30", "date": "2026-12-03"}
# Words that mark a clock time or a date in each language: written by the formatter, so never again in the text.
UNITS = {
    "ja": ("時", "分", "日"), "ja-easy": ("時", "じ", "分", "ふん", "日"), "zh-Hans": ("点", "时", "分", "日", "号"),
    "zh-Hant": ("點", "時", "分", "日", "號"), "ko": ("시", "분", "일"), "en": ("AM", "PM", "a.m.", "p.m.", "o'clock"),
    "es": ("h", "horas", "hrs"), "pt": ("h", "horas"), "vi": ("giờ", "h", "phút"), "tl": ("AM", "PM", "n.u.", "n.h."),
    "id": ("WIB", "pukul"), "th": ("น.", "นาฬิกา"), "my": ("နာရီ",), "ru": ("ч", "час"),
    "ne": (),  # CLDR writes 07:30 without बजे, which Nepali then needs: "07:30 बजेदेखि" is right

}
# Before the value: the day period the formatter already puts in front (Korean 오전/오후, Taiwanese 上午/下午).
PERIODS = {"ko": ("오전", "오후"), "zh-Hant": ("上午", "下午", "中午", "清晨", "早上", "晚上"), "en": ("at at",)}
HAN_SCRIPT = ("ja", "ja-easy", "zh-Hans", "zh-Hant")


def dated_phrases():
    for phrase in [*catalog().signs.values(), *catalog().messages.values()]:
        if any(field.type in SAMPLE for field in phrase.fields):
            yield phrase


def _unit_after(text, value, units):
    rest = text.split(value, 1)[1].lstrip()
    return next((unit for unit in units if rest.startswith(unit) and not rest[len(unit):len(unit) + 1].isalpha()
                 or rest.startswith(unit) and not unit.isascii()), None)


@pytest.mark.parametrize("code", CODES)
def test_fillin_formats_no_doubled_unit_in_any_phrase(code):
    problems = []
    for phrase in dated_phrases():
        for field in phrase.fields:
            if field.type not in SAMPLE:
                continue
            values = {f.name: SAMPLE.get(f.type, "") for f in phrase.fields}
            text = fill_plain(phrase.body[code], phrase, values, code)
            value = fillins.format_value(field.type, SAMPLE[field.type], code)
            assert value in text, (phrase.id, code, text)
            unit = _unit_after(text, value, UNITS[code])
            before = text.split(value, 1)[0].rstrip()
            period = next((p for p in PERIODS.get(code, ()) if before.endswith(p)), None)
            if unit or period:
                problems.append(f"{phrase.kind} {phrase.id} [{code}]: {text!r}")
    assert not problems, "\n".join(problems)


def test_fillin_formats_han_script_languages_write_the_hour_alike():
    """ja, ja-easy, zh-Hans and zh-Hant sit side by side on one sheet: 7:30, never 07:30 beside 7:30."""
    written = {code: fillins.format_value("time", "07:30", code) for code in HAN_SCRIPT}
    assert all(re.search(r"(?<!\d)7:30", value) for value in written.values()), written


def test_fillin_formats_thai_time_ends_with_its_unit_once():
    sign = catalog().signs["food-distribution"]
    assert fill_plain(sign.body["th"], sign, {"time": "12:00"}, "th").count("น.") == 1


def test_fillin_formats_print_date_is_japan_time(monkeypatch):
    # 2 December 15:58 UTC is 3 December 00:58 in Japan: the sheet must say 3 December.
    moment = datetime.datetime(2026, 12, 2, 15, 58, tzinfo=datetime.timezone.utc)

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    monkeypatch.setattr(clock.datetime, "datetime", Clock)
    assert clock.today_in_japan() == datetime.date(2026, 12, 3)
    assert SheetRequest("food-distribution", ("ja",)).printed_on == datetime.date(2026, 12, 3)


@pytest.mark.parametrize("url", ["/ja/sheets/food-distribution", "/ja/messages/"])
def test_fillin_formats_staff_pages_show_blanks_not_placeholders(client, url):
    if url.endswith("/messages/"):
        url += next(m.id for m in catalog().messages.values() if any(f.type == "time" for f in m.fields))
    page = visible_text(client.get(url))
    assert not re.search(r"\{[a-z_]+\}", page), page[:500]
    assert "__:__" in page
