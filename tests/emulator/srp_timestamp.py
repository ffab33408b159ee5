"""The TIMESTAMP of a PASSWORD_VERIFIER answer: "EEE MMM d HH:mm:ss UTC yyyy".

Cognito parses it leniently, then signs the canonical re-formatting. So a
zero-padded day ("Apr 05") parses but fails the signature ("Incorrect username
or password."), while a space-padded one does not parse at all.
"""

import calendar
import re
from datetime import datetime, timezone

from errors import invalid_parameter

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LENIENT = re.compile(r"([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2}) UTC (\d{4})")
FORMAT_ERROR = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."


def parse(text: str) -> tuple[str, float]:
    """(canonical string, epoch seconds); InvalidParameterException when unparseable."""
    m = _LENIENT.fullmatch(text)
    if not m or m.group(1) not in DAYS or m.group(2) not in MONTHS:
        raise invalid_parameter(FORMAT_ERROR)
    month = MONTHS.index(m.group(2)) + 1
    day, hour, minute, second, year = (int(m.group(i)) for i in (3, 4, 5, 6, 7))
    try:
        when = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        raise invalid_parameter(FORMAT_ERROR) from None
    return format_timestamp(when), calendar.timegm(when.timetuple())


def format_timestamp(when: datetime) -> str:
    return (f"{DAYS[when.weekday()]} {MONTHS[when.month - 1]} {when.day} "
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} UTC {when.year}")
