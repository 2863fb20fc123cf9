"""CSV of the call's findings: kind, label, seconds, redacted text, count, side, review status."""

from __future__ import annotations

import csv
from pathlib import Path

from overheard.publish.document import PublishedCall
from overheard.publish.formats import FormatOptions, output_path, register

COLUMNS = ("call", "kind", "label", "start_s", "end_s", "text", "count", "approximate", "side", "review_status",
           "producer")


class FindingsCsvExporter:
    """A spreadsheet of what was found (casualties with counts, themes, coded terms)."""

    name = "csv"
    suffix = ".findings.csv"
    description = "CSV of findings (one row each, times in seconds, text redacted)"
    needs_timings = False

    def write(self, call: PublishedCall, folder: Path, options: FormatOptions) -> list[Path]:
        """Write ``<ref>.findings.csv``."""
        path = output_path(folder, call, self.suffix)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for f in call.findings:
                writer.writerow([call.ref, f.kind, f.label, _num(f.start_s), _num(f.end_s), f.text,
                                 "" if f.count is None else f.count, "" if f.approximate is None else f.approximate,
                                 f.side or "", f.review_status, f.producer])
        return [path]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


register(FindingsCsvExporter())
