"""What the call page's review parts show: the call's data plus each finding explained for people.

The call page and its fragments (``/calls/{id}/parts/findings`` and ``/parts/transcript``, which
the page's script fetches after each decision instead of reloading) render from the same context,
so a part swapped in place is exactly what a reload would show.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from overheard import review
from overheard.model import CASUALTY_SIDES, FindingKind
from overheard.review import marks
from overheard.store import Store
from overheard.web import views
from overheard.web.auth import Access
from overheard.web.explain import explain, kind_words, label_words
from overheard.web.i18n import format_day, word
from overheard.web.i18n import gettext as _


def decided_words(finding: dict[str, Any]) -> str | None:
    """ "accepted by anna at 14:02 UTC on 2026-03-01", or None for a finding nobody decided on."""
    if not finding.get("reviewed_by") or not finding.get("reviewed_at"):
        return None
    at = datetime.fromisoformat(finding["reviewed_at"])
    words = {"who": finding["reviewed_by"], "time": f"{at:%H:%M}", "day": format_day(at.date())}
    if finding["review_status"] == "pending":  # a decision was made and undone
        return _("to review (decision undone by %(who)s at %(time)s UTC on %(day)s)") % words
    return _("%(status)s by %(who)s at %(time)s UTC on %(day)s") % (words | {"status": word(finding["review_status"])})


def vocabulary() -> dict[str, list[tuple[str, str]]]:
    """Per finding kind, the labels a person may choose, with their names in words."""
    return {kind.value: [(label, label_words(kind.value, label)) for label in review.labels_for(kind)]
            for kind in FindingKind}


def call_context(store: Store, call_id: int, access: Access, user: str | None = None) -> dict[str, Any]:
    """The call page's template context: call data, transcript runs, explained findings, label vocabulary, and
    the tags, ``user``'s stars and notes of the call and its findings as the role may see them."""
    data = views.call_detail(store, call_id, access)
    runs = {}
    if data["transcript"]:
        for segment in data["transcript"]["segments"]:
            runs[segment["position"]] = views.render_runs(segment, data["findings"])
    explained = {}
    for finding in data["findings"]:
        explained[finding["id"]] = explain(finding) | {"decided": decided_words(finding)}
    kinds = [(kind.value, kind_words(kind.value)) for kind in FindingKind]
    found = marks.visible(store, "finding", [f["id"] for f in data["findings"]], user, access.role)
    call_marks = marks.visible(store, "call", [data["call"]["id"]], user, access.role)[data["call"]["id"]]
    return {"data": data, "runs": runs, "vocabulary": vocabulary(), "explained": explained, "kinds": kinds,
            "sides": CASUALTY_SIDES, "call_marks": marks.marks_dict(call_marks),
            "finding_marks": {i: marks.marks_dict(m) for i, m in found.items()},
            "tag_choices": [t for t, _ in marks.tags_in_use(store, access.role)]}
