"""The register as JSON and CSV: numbers, categories, side, oblasts, places, dates, calls and statuses.

Nothing in the register holds a name: incidents keep call ids and finding ids, never call keys,
transcript text, person or unit names (the ties that suggested a merge stay inside the register),
so both exports are safe to hand to any role.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from overheard.register.decisions import RegisterError
from overheard.register.incidents import DEFAULT_SIDE, Register

CSV_COLUMNS = ("incident", "category", "side", "people", "approximate", "mentions", "calls", "first_day", "last_day",
               "oblasts", "places", "status", "unreviewed", "proposal")
SIDE_NOTE = ("Counted side: {side}. 'own' counts only mentions the text marks as the speaker's side's losses; "
             "mentions whose side the text does not decide ('unknown') are tallied apart, not added; "
             "enemy losses are always counted apart (ANNOTATION.md, Side).")
RANGE_NOTE = ("People and incidents are ranges: the upper bound keeps undecided proposals apart, the lower bound "
              "merges them; an incident counts the largest number its mentions state.")


PER_PAGE = 100  # incidents (and proposals) on one page of /register; the JSON without ``page`` and the CSV hold all
MAX_PAGE = 1_000_000


def register_json(register: Register, side: str = DEFAULT_SIDE, category: str | None = None,
                  page: int | None = None, per_page: int = PER_PAGE) -> dict[str, Any]:
    """The register as one JSON-ready object: totals (ranges), side tally, incidents, proposals, decisions.

    ``page`` None: every incident and proposal. ``page`` N: the N-th ``per_page`` incidents and proposals
    (the last page when N is past it), with ``paging`` saying how many there are; totals and the side
    tally always count the whole register."""
    proposal_of = register.proposal_of()
    incidents = [i for i in register.incidents
                 if (side == "all" or i.side == side) and (category is None or i.category == category)]
    proposals = [p for p in register.proposals if category is None or p.category == category]
    paging = None
    if page is not None:
        if not 0 < page <= MAX_PAGE or not 0 < per_page <= PER_PAGE:
            raise RegisterError(f"page is a number from 1; at most {PER_PAGE} a page")
        pages = max(1, -(-max(len(incidents), len(proposals)) // per_page))
        page = min(page, pages)
        paging = {"page": page, "pages": pages, "per_page": per_page, "incidents": len(incidents),
                  "proposals": len(proposals)}
        window = slice((page - 1) * per_page, page * per_page)
        incidents, proposals = incidents[window], proposals[window]
    return {
        "side": side,
        "notes": [SIDE_NOTE.format(side=side), RANGE_NOTE],
        "totals": [t.as_dict() for t in register.totals(side, [category] if category else None)],
        "sides": register.side_tally(),
        "incidents": [i.as_dict(proposal_of.get(i.id)) for i in incidents],
        "proposals": [p.as_dict() for p in proposals],
        "decisions": [{"id": d.id, "action": d.action, "findings": list(d.findings), "evidence": list(d.evidence),
                       "actor": d.actor, "created_at": d.created_at.isoformat(),
                       "undone_at": d.undone_at.isoformat() if d.undone_at else None, "undone_by": d.undone_by}
                      for d in register.decisions],
    } | ({"paging": paging} if paging is not None else {})


def register_csv(register: Register, side: str = DEFAULT_SIDE, category: str | None = None) -> str:
    """One row per incident (the side and category chosen), numbers and places only."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    proposal_of = register.proposal_of()
    for i in register.incidents:
        if (side != "all" and i.side != side) or (category and i.category != category):
            continue
        writer.writerow([i.id, i.category, i.side, "" if i.people is None else i.people, int(i.approximate),
                         len(i.mentions), " ".join(str(c) for c in i.calls),
                         i.days[0].isoformat() if i.days else "", i.days[-1].isoformat() if i.days else "",
                         "; ".join(i.oblasts), "; ".join(i.places), i.status, i.unreviewed,
                         proposal_of.get(i.id, "")])
    return out.getvalue()


def range_text(low: int, high: int) -> str:
    """"3" when the bounds meet, else "3–9"."""
    return str(low) if low == high else f"{low}–{high}"
