"""Periods of a report (day, ISO week, month) and how they read as calendar dates.

A period has a *key* that sorts and links (``2023-01-09``, ``2023-W02``, ``2023-01``) and a
*label* a reader understands without a calendar at hand: "9 Jan 2023", "9–15 Jan 2023", "Jan 2023".
Keys stay in ids, links and CSV; labels go on plots and tables. Month names are English
abbreviations written here, not the locale's, so output is the same on every machine.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

PERIODS = ("day", "week", "month")
UNDATED = "undated"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def period_of(day: date | None, by: str) -> str:
    """The period key of a day: ``2023-01-09`` (day), ``2023-W02`` (ISO week) or ``2023-01`` (month)."""
    if day is None:
        return UNDATED
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def period_start(day: date, by: str) -> date:
    """The first day of the period ``day`` falls in."""
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def next_start(start: date, by: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_between(first: date, last: date, by: str) -> list[tuple[str, date]]:
    """Every period from ``first`` to ``last`` inclusive (empty ones too), with its first day."""
    out, current = [], period_start(first, by)
    while current <= last:
        out.append((period_of(current, by), current))
        current = next_start(current, by)
    return out


def period_count(first: date, last: date, by: str) -> int:
    """How many periods ``periods_between`` would list, computed without listing them."""
    if by == "day":
        return (last - first).days + 1
    if by == "week":
        return (period_start(last, by) - period_start(first, by)).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def period_bounds(key: str, by: str) -> tuple[date, date] | None:
    """The first and last day of a period key (None for ``undated`` or a key that is not one)."""
    try:
        if by == "week" and (match := _WEEK.fullmatch(key)):
            start = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        elif by == "month" and _MONTH.fullmatch(key):
            start = date.fromisoformat(key + "-01")
        elif by == "day":
            start = date.fromisoformat(key)
        else:
            return None
    except ValueError:
        return None
    return start, next_start(start, by) - timedelta(days=1)


def day_label(day: date) -> str:
    """"9 Jan 2023"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def range_label(first: date, last: date) -> str:
    """A span of days as a reader says it: "9 Jan 2023", "9–15 Jan 2023", "30 Jan–5 Feb 2023", "Jan 2023",
    "Q1 2023", "2023"."""
    if first == last:
        return day_label(first)
    whole_months = first.day == 1 and next_start(last, "day").day == 1
    if whole_months:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months == 1:
            return f"{MONTHS[first.month - 1]} {first.year}"
        if months == 3 and first.month % 3 == 1:
            return f"Q{first.month // 3 + 1} {first.year}"
        if months == 12 and first.month == 1:
            return str(first.year)
    if first.year != last.year:
        return f"{day_label(first)}–{day_label(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]}–{day_label(last)}"
    return f"{first.day}–{day_label(last)}"


def period_label(key: str, by: str) -> str:
    """A period key as calendar dates: "2–8 Jan 2023" (``2023-W01``), "Jan 2023", "9 Jan 2023"; others as given."""
    bounds = period_bounds(key, by)
    return range_label(*bounds) if bounds else key


def tick_labels(keys: list[str], by: str) -> list[str]:
    """Short labels for a plot's axis: "2–8 Jan", the year on the first tick and where it changes."""
    out, year = [], None
    for key in keys:
        bounds = period_bounds(key, by)
        if bounds is None:
            out.append(key)
            continue
        first, last = bounds
        if first.year != last.year:  # the week of New Year says both years
            out.append(range_label(first, last))
            year = last.year
            continue
        if by == "month":
            text = MONTHS[first.month - 1]
        elif by == "week":
            text = (f"{first.day}–{last.day} {MONTHS[first.month - 1]}" if first.month == last.month
                    else f"{first.day} {MONTHS[first.month - 1]}–{last.day} {MONTHS[last.month - 1]}")
        else:
            text = f"{first.day} {MONTHS[first.month - 1]}"
        if first.year != year:
            text, year = f"{text} {first.year}", first.year
        out.append(text)
    return out
