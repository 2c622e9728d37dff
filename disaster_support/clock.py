"""Time in one place: stored as UTC ISO text; people in Japan read and type Japan time (no daylight saving)."""
import datetime

JST = datetime.timezone(datetime.timedelta(hours=9), "JST")


def now_iso():
    """The current UTC time as stored in the database."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def today_in_japan():
    """Today's date in Japan (a sheet printed at 00:58 on 3 December says 3 December, whatever the server's zone)."""
    return datetime.datetime.now(JST).date()
