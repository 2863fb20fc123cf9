"""Import external series from CSV: court cases against refusers, officially announced losses, ...

A file has a header and one row per value::

    period,place,value,label,source,notes
    2023-01,,41,Court cases against refusers,Court records (fictional),
    2023-W02,Luhansk,3,Court cases against refusers,Court records (fictional),one court closed

- ``date`` (one day, ``2023-01-09``) or ``period``: a day, an ISO week ``2023-W02``, a month
  ``2023-01``, a quarter ``2023-Q1``, a year ``2023``, or a span ``2023-01-09..2023-01-22``;
  each row fills exactly one of the two;
- ``place`` (optional): an oblast or settlement the value is about; empty for a national figure;
- ``value``: a number; ``label``: the series' name; ``source``: where it comes from (cited under
  every plot); ``notes`` (optional): a note on that value.

Rows with the same label are one series (one source each). Nothing is imported from a file with a
bad row; the error names every bad row (up to five) with its line. Importing the same content again
changes nothing; a series whose content changed is replaced only when asked (``--replace``). Every
import is audited (``series.import``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from overheard.errors import ConflictError, OverheardError
from overheard.model import ExternalSeries, SeriesPoint
from overheard.report.calendar import next_start
from overheard.store import Store

COLUMNS = ("date", "period", "place", "value", "label", "source", "notes")
MAX_BYTES = 20_000_000
MAX_LABEL = 200
SHOWN_ERRORS = 5
_WEEK = re.compile(r"(\d{4})-W(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"\d{4}")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


class SeriesError(OverheardError):
    """An external series file cannot be imported: a bad row, a missing column, a label with two sources..."""

    code = "E046"


@dataclass(frozen=True)
class ParsedSeries:
    """One series read from a file: label, source and its points (with the file lines they came from)."""

    label: str
    source: str
    points: tuple[SeriesPoint, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import did to one series: ``imported``, ``replaced`` or ``unchanged``."""

    label: str
    status: str
    points: int


def parse_period(text: str) -> tuple[date, date]:
    """The first and last day of a period written as a day, ISO week, month, quarter, year or ``A..B`` span."""
    text = text.strip()
    try:
        if ".." in text:
            first, _, last = text.partition("..")
            start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
            if end < start:
                raise ValueError
            return start, end
        if match := _WEEK.fullmatch(text):
            start = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
            return start, start + timedelta(days=6)
        if match := _QUARTER.fullmatch(text):
            start = date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)
            return start, next_start(next_start(next_start(start, "month"), "month"), "month") - timedelta(days=1)
        if _MONTH.fullmatch(text):
            start = date.fromisoformat(text + "-01")
            return start, next_start(start, "month") - timedelta(days=1)
        if _YEAR.fullmatch(text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
        day = date.fromisoformat(text)
        return day, day
    except ValueError:
        raise SeriesError(f"period {text!r} is not a day (2023-01-09), ISO week (2023-W02), month (2023-01), "
                          "quarter (2023-Q1), year (2023) or span (2023-01-09..2023-01-22)") from None


def parse_value(text: str) -> float:
    """A number as written in a spreadsheet: ``41``, ``12.5``, ``12,5``, ``1 234``."""
    compact = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(compact) or (compact.count(",") and compact.count(".")):
        raise SeriesError(f"value {text!r} is not a number")
    value = float(compact.replace(",", "."))
    if not math.isfinite(value):
        raise SeriesError(f"value {text!r} is not a finite number")
    return value


def _row(row: dict[str, str]) -> tuple[str, str, SeriesPoint]:
    cells = {k: (v or "").strip() for k, v in row.items()}
    label, source = cells.get("label", ""), cells.get("source", "")
    if not label:
        raise SeriesError("label is empty")
    if len(label) > MAX_LABEL:
        raise SeriesError(f"label is longer than {MAX_LABEL} characters")
    if not source:
        raise SeriesError("source is empty: say where the numbers come from")
    day, period = cells.get("date", ""), cells.get("period", "")
    if bool(day) == bool(period):
        raise SeriesError("fill exactly one of date and period")
    if day:
        try:
            start = end = date.fromisoformat(day)
        except ValueError:
            raise SeriesError(f"date {day!r} is not a day like 2023-01-09") from None
    else:
        start, end = parse_period(period)
    if not cells.get("value"):
        raise SeriesError("value is empty")
    return label, source, SeriesPoint(start=start, end=end, value=parse_value(cells["value"]),
                                      place=cells.get("place") or None, notes=cells.get("notes") or None)


def parse_series(text: str, name: str = "file") -> list[ParsedSeries]:
    """Read and check every row of a series file; SeriesError naming the bad rows, and nothing, if any is bad."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    if not header:
        raise SeriesError(f"{name}: empty file; the header is: date or period, place, value, label, source, notes")
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in ("value", "label", "source") if c not in header]
    if unknown or missing or not {"date", "period"} & set(header):
        problems = ([f"unknown column {', '.join(map(repr, unknown))}"] if unknown else []) + (
            [f"missing column {', '.join(missing)}"] if missing else []) + (
            ["missing column date or period"] if not {"date", "period"} & set(header) else [])
        raise SeriesError(f"{name}: {'; '.join(problems)}; the columns are: date or period, place (optional), "
                          "value, label, source, notes (optional)")
    reader.fieldnames = header
    errors: list[str] = []
    series: dict[str, dict] = {}
    for row in reader:
        line = reader.line_num
        if None in row:  # DictReader keeps cells past the header under None
            errors.append(f"line {line}: more cells than columns (a comma inside a cell needs \"quotes\")")
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        try:
            label, source, point = _row(row)
        except SeriesError as error:
            errors.append(f"line {line}: {error.message}")
            continue
        entry = series.setdefault(label, {"source": source, "points": [], "lines": []})
        if entry["source"] != source:
            errors.append(f"line {line}: series {label!r} has two sources ({entry['source']!r} and {source!r})")
            continue
        entry["points"].append(point)
        entry["lines"].append(line)
    for label, entry in series.items():
        errors += _overlaps(label, entry["points"], entry["lines"])
    if errors:
        more = f" (and {len(errors) - SHOWN_ERRORS} more)" if len(errors) > SHOWN_ERRORS else ""
        raise SeriesError(f"{name}: nothing imported, {len(errors)} bad row{'s' if len(errors) > 1 else ''}: "
                          + "; ".join(errors[:SHOWN_ERRORS]) + more)
    if not series:
        raise SeriesError(f"{name}: no rows under the header")
    return [ParsedSeries(label=label, source=entry["source"], points=tuple(entry["points"]),
                         lines=tuple(entry["lines"])) for label, entry in series.items()]


def _overlaps(label: str, points: list[SeriesPoint], lines: list[int]) -> list[str]:
    """Two values of one series for overlapping days at the same place would be counted twice."""
    by_place: dict[str | None, list[tuple[SeriesPoint, int]]] = defaultdict(list)
    for point, line in zip(points, lines, strict=True):
        by_place[(point.place or "").casefold()].append((point, line))
    errors = []
    for found in by_place.values():
        found.sort(key=lambda item: (item[0].start, item[0].end))
        for (before, before_line), (after, after_line) in zip(found, found[1:], strict=False):
            if after.start <= before.end:
                errors.append(f"line {after_line}: {label!r} already has a value for these days (line {before_line})")
    return errors


def _same(existing: ExternalSeries, parsed: ParsedSeries) -> bool:
    key = lambda p: (p.start, p.end, p.place, p.value, p.notes)  # noqa: E731
    return existing.source == parsed.source and sorted(map(key, existing.points)) == sorted(map(key, parsed.points))


def import_series_file(store: Store, path: Path, actor: str, *, replace: bool = False) -> list[ImportResult]:
    """Import every series in a CSV file (checked whole first); the same content again is a no-op."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeriesError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise SeriesError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; split it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SeriesError(f"{path}: not UTF-8 text; save it as CSV UTF-8") from None
    parsed = parse_series(text, path.name)
    existing = {s.label: s for s in store.external_series()}
    taken = [p.label for p in parsed if p.label in existing and not _same(existing[p.label], p)]
    if taken and not replace:
        raise ConflictError(f"series {', '.join(map(repr, taken))} already imported with other values; "
                            "import with --replace to replace them")
    digest = hashlib.sha256(data).hexdigest()
    results = []
    for one in parsed:
        if one.label in existing and one.label not in taken:
            results.append(ImportResult(one.label, "unchanged", len(one.points)))
            continue
        store.import_series(one.label, one.source, None, digest, one.points, actor, replace=one.label in taken)
        results.append(ImportResult(one.label, "replaced" if one.label in taken else "imported", len(one.points)))
    return results
