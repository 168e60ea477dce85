"""Proleptic Gregorian calendar arithmetic on plain integers, valid for any year.

Time is an integer count of seconds since 1970-01-01T00:00:00 UTC (an *instant*).
Python integers are exact at every scale, and the whole range this application
supports (about ±100 billion years) also fits in a signed 64-bit integer, which is
what the columnar arrays use. Years use astronomical numbering, as ISO 8601 and
EDTF do: year 0 is 1 BCE, year -1 is 2 BCE.
"""

from __future__ import annotations

from typing import NamedTuple

SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3_600
SECONDS_PER_DAY = 86_400
DAYS_PER_400_YEARS = 146_097
#: Mean Gregorian year, used only for approximate spans (deep time, zoom limits).
SECONDS_PER_MEAN_YEAR = DAYS_PER_400_YEARS * SECONDS_PER_DAY // 400

#: Years beyond this magnitude are rejected: 64-bit seconds reach about 292 billion.
MAX_ABS_YEAR = 100_000_000_000

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class CivilTime(NamedTuple):
    """A broken-down UTC time in the proleptic Gregorian calendar."""

    year: int
    month: int
    day: int
    hour: int = 0
    minute: int = 0
    second: int = 0


def is_leap_year(year: int) -> bool:
    """Return whether ``year`` (astronomical numbering) is a Gregorian leap year."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days in ``month`` of ``year``."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Return days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).

    Floor division keeps it exact for negative and very large years.
    """
    y = year - 1 if month <= 2 else year
    era = y // 400
    year_of_era = y - era * 400
    shifted_month = month - 3 if month > 2 else month + 9
    day_of_year = (153 * shifted_month + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * DAYS_PER_400_YEARS + day_of_era - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """Return (year, month, day) for a count of days since 1970-01-01."""
    z = days + 719_468
    era = z // DAYS_PER_400_YEARS
    day_of_era = z - era * DAYS_PER_400_YEARS
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def to_instant(
    year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: int = 0
) -> int:
    """Return the instant (seconds since the epoch) of a civil UTC time."""
    return (
        days_from_civil(year, month, day) * SECONDS_PER_DAY
        + hour * SECONDS_PER_HOUR
        + minute * SECONDS_PER_MINUTE
        + second
    )


def from_instant(instant: int) -> CivilTime:
    """Return the civil UTC time of an instant."""
    days, seconds = divmod(instant, SECONDS_PER_DAY)
    year, month, day = civil_from_days(days)
    hour, rest = divmod(seconds, SECONDS_PER_HOUR)
    minute, second = divmod(rest, SECONDS_PER_MINUTE)
    return CivilTime(year, month, day, hour, minute, second)


def year_start(year: int) -> int:
    """Return the instant at which ``year`` begins."""
    return to_instant(year)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """Return (year, month) ``count`` months after the given month."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def format_iso_year(year: int) -> str:
    """Format a year as ISO 8601 does: four digits, signed and longer outside 0..9999."""
    if year < 0:
        return f"-{-year:04d}"
    if year > 9999:
        return f"+{year}"
    return f"{year:04d}"


def format_iso_date(instant: int) -> str:
    """Format the date of an instant as ``YYYY-MM-DD`` (expanded for far years)."""
    civil = from_instant(instant)
    return f"{format_iso_year(civil.year)}-{civil.month:02d}-{civil.day:02d}"


def format_iso_datetime(instant: int) -> str:
    """Format an instant as ``YYYY-MM-DDThh:mm:ssZ`` (expanded for far years)."""
    civil = from_instant(instant)
    return (
        f"{format_iso_date(instant)}T{civil.hour:02d}:{civil.minute:02d}:{civil.second:02d}Z"
    )


def era_year(year: int) -> tuple[int, str]:
    """Return a year as people write it: (44, "BCE") for astronomical year -43."""
    if year <= 0:
        return 1 - year, "BCE"
    return year, "CE"
