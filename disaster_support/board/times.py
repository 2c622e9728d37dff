"""Board times: stored as UTC ISO text, entered and shown in Japan time (no daylight saving)."""
import datetime

from ..clock import JST


def from_local(value):
    """A naive datetime typed in Japan time -> stored UTC text."""
    return value.replace(tzinfo=JST).astimezone(datetime.timezone.utc).isoformat(timespec="seconds")


def local(iso):
    """Stored UTC text -> 'YYYY-MM-DD HH:MM' in Japan time."""
    if not iso:
        return ""
    return datetime.datetime.fromisoformat(iso).astimezone(JST).strftime("%Y-%m-%d %H:%M")
