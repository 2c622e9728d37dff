"""Coverage in person-days: the one computation behind every status, list, gap matrix, CSV and mail.

A language line asks for `headcount` people on every day from its first to its last day. A dispatch that is
confirmed, on site or returned covers each of its days on that line; a day counts at most `headcount` people,
so a line is filled only when every one of its days has its people.
"""
import datetime
from dataclasses import dataclass, field

from ..db import get_db

COUNTING = ("confirmed", "on_site", "returned")


def days_between(start, end):
    """Every ISO day from start to end, both included ([] when end is before start)."""
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    return [(first + datetime.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def shift(day, days):
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=days)).isoformat()


@dataclass
class LineCoverage:
    """People per day on one line against its headcount."""

    headcount: int
    start_date: str
    end_date: str
    rotation_days: int = None
    per_day: dict = field(default_factory=dict)

    @property
    def days(self):
        return days_between(self.start_date, self.end_date)

    def people_on(self, day):
        return min(self.per_day.get(day, 0), self.headcount)

    def needed_on(self, day):
        if not self.start_date <= day <= self.end_date:
            return 0
        return self.headcount - self.people_on(day)

    @property
    def required(self):
        return self.headcount * len(self.days)

    @property
    def covered(self):
        return sum(self.people_on(day) for day in self.days)

    @property
    def filled(self):
        return self.covered >= self.required

    @property
    def first_gap(self):
        """The first day that still lacks people, or None."""
        return next((day for day in self.days if self.needed_on(day)), None)

    def slots(self):
        """The rotation slots (first, last day): the whole line when it is not cut into rotations."""
        if not self.rotation_days:
            return [(self.start_date, self.end_date)]
        days = self.days
        return [(days[n], days[min(n + self.rotation_days, len(days)) - 1])
                for n in range(0, len(days), self.rotation_days)]

    def open_periods(self, available_from, available_to):
        """Runs of days, inside one slot each and inside the availability, on which people are still needed."""
        periods = []
        for first, last in self.slots():
            run = []
            for day in days_between(max(first, available_from), min(last, available_to)):
                if self.needed_on(day):
                    run.append(day)
                    continue
                if run:
                    periods.append((run[0], run[-1]))
                run = []
            if run:
                periods.append((run[0], run[-1]))
        return periods

    def fits(self, start, end):
        """True when every day from start to end is on the line and still lacks someone."""
        return start <= end and all(self.needed_on(day) for day in days_between(start, end))


def line_coverage(headcount, start_date, end_date, dispatch_ranges, rotation_days=None):
    """The coverage of one line from (start, end) ranges of its counting dispatches."""
    per_day = {}
    for first, last in dispatch_ranges:
        for day in days_between(max(first, start_date), min(last, end_date)):
            per_day[day] = per_day.get(day, 0) + 1
    return LineCoverage(headcount, start_date, end_date, rotation_days, per_day)


def coverage_of_lines(line_rows):
    """{line id: LineCoverage} for request_line rows, read from their counting dispatches in one query."""
    ids = [row["id"] for row in line_rows]
    ranges = {}
    if ids:
        for row in get_db().query(
                f"select line_id, start_date, end_date from dispatch where status in"
                f" ({','.join('?' * len(COUNTING))}) and line_id in ({','.join('?' * len(ids))})",
                [*COUNTING, *ids]):
            ranges.setdefault(row["line_id"], []).append((row["start_date"], row["end_date"]))
    return {row["id"]: line_coverage(row["headcount"], row["start_date"], row["end_date"], ranges.get(row["id"], ()),
                                     row.get("rotation_days")) for row in line_rows}


def status_of(state, coverages):
    """A posted request's status from its lines: filled only when every day of every line has its people."""
    if state != "open":
        return state
    if coverages and all(c.filled for c in coverages):
        return "filled"
    return "partially_filled" if any(c.covered for c in coverages) else "open"


def totals(coverages):
    """(covered, required) person-days over some lines."""
    return sum(c.covered for c in coverages), sum(c.required for c in coverages)


def by_language_and_day(lines, days):
    """{language: [(requested, covered) per day]} over lines with a `.language` and a `.coverage`."""
    rows = {}
    for line in lines:
        cells = rows.setdefault(line.language, [[0, 0] for _ in days])
        for n, day in enumerate(days):
            if line.start_date <= day <= line.end_date:
                cells[n][0] += line.headcount
                cells[n][1] += line.coverage.people_on(day)
    return {language: [tuple(cell) for cell in cells] for language, cells in rows.items()}
