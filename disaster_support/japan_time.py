"""Time in Japan: what a printed date or a shown time means to the people in the shelter (JST, no DST)."""
import datetime

JST = datetime.timezone(datetime.timedelta(hours=9), "JST")


def today():
    """Today's date in Japan (a sheet printed at 00:58 on 3 December says 3 December, whatever the server's zone)."""
    return datetime.datetime.now(JST).date()
