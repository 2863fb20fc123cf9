"""Trends, the register and the timeline after a write: only the calls it touched are reread, and the result is
exactly the full rebuild's.

The web app keeps every call's facts between requests (:class:`overheard.report.facts.LiveFacts`) and
asks the audit log which calls the writes since touched; the report keeps its sums per option set, the
register its single-mention incidents, their sums and its candidate pairs, and the timeline its events in
date order, each adjusted by the calls that changed. These tests write one of every kind (review
decisions and their undo, hand-made findings, corrections of the number and the side, incident merges,
splits, keep-aparts and their undo, a new transcript version, a new call, a new call telling losses
already told, metadata, an external series, a login, an unknown call-less action) and after each compare
the kept views with a report, register and timeline built from scratch, for several report options,
masked and unmasked. Viewers' evidence stays masked: a segment no personal-data detector checked is
masked whole in the kept view as in the full one, and so is every segment of a read torn by a concurrent
writer, which is not kept.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import register_corpus
from sqlalchemy import event

from overheard import review
from overheard.model import (
    CallMetadata,
    Finding,
    FindingKind,
    Segment,
    SeriesPoint,
    Transcript,
    TranscriptSource,
)
from overheard.redact.operators import MASK_CHAR
from overheard.register import build_register, decide_incidents, undo_decision
from overheard.register.mentions import live_mentions
from overheard.register.timeline import KINDS, timeline_events
from overheard.report.facts import READ_TRIES, LiveFacts
from overheard.report.trends import ALL, ReportError, ReportOptions, build_report, live_report
from overheard.workspace import Workspace

ACTOR = "anna"
KEPT: dict[int, dict] = {}  # per LiveFacts: what the register and timeline keep between builds, as the web app does
OPTIONS = (
    ReportOptions(),  # what a viewer's Trends shows: own side, by week, masked
    ReportOptions(side="all", by="month"),  # the timeline's report
    ReportOptions(side="all", by="day", include_people=True),  # an analyst's
    ReportOptions(side="enemy", date_from=date(2023, 1, 15), places=("Luhansk",)),
)


@pytest.fixture
def built(tmp_path):
    ws, ids = register_corpus.build(tmp_path / "ws")
    store = ws.store
    for key in ("unit-kreminna", "relayed"):  # themes too: refusals and punishments are Trends columns
        current = store.current_transcript(ids[key])
        store.replace_machine_findings(current.id, "themes.v1", [Finding(
            kind=FindingKind.THEME, label="refusal", start=0, end=3, text=current.text[:3], score=0.8,
            producer="themes.v1", explanation="cue")], "digest", register_corpus.ACTOR)
    yield ws, ids
    ws.close()


def same_as_full(store, live: LiveFacts) -> None:
    """The kept reports, register and timeline (reusing what they kept) equal the ones built from scratch."""
    kept = KEPT.setdefault(id(live), {"register": {}, "timeline": {}, "timeline-report": {}})
    for options in OPTIONS:
        live_one, full = live_report(store, live, options, kept.setdefault(options, {})), build_report(store, options)
        assert live_one == full, options
        assert live_one.as_dict() == full.as_dict()
    kept_register = build_register(store, live_mentions(store, live), kept["register"])
    full_register = build_register(store)
    assert kept_register == full_register
    for side in ("own", "enemy", "unknown", "all"):  # kept sums, lower bounds from the proposals walked
        assert kept_register.totals(side) == full_register.totals(side), side
    assert kept_register.side_tally() == full_register.side_tally()
    assert [p.as_dict() for p in kept_register.proposals] == [p.as_dict() for p in full_register.proposals]
    timeline_report = live_report(store, live, OPTIONS[1], kept["timeline-report"])
    full_timeline_report = build_report(store, OPTIONS[1])
    # the timeline keeps its date order and its evidence map between builds, per choice of kinds and side,
    # in one dict for every choice (as the web app does): each choice is patched from its own last order
    for kinds, side in ((KINDS, ALL), (("incident",), "own"), (("refusal", "punishment"), ALL)):
        assert timeline_events(kept_register, timeline_report, kinds, side, kept=kept["timeline"]) == \
            timeline_events(full_register, full_timeline_report, kinds, side), (kinds, side)
    # the same kept dict with a date filter (the web keeps one per masking): its own state, not the other's
    since = ReportOptions(side="all", by="month", date_from=date(2023, 1, 16))
    assert timeline_events(kept_register, live_report(store, live, since, kept.setdefault(since, {})), KINDS, ALL,
                           kept=kept["timeline"]) == timeline_events(full_register, build_report(store, since))


def wrote(store, live: LiveFacts, write, *, reread) -> None:
    """Run one write; the kept view rereads exactly ``reread`` (None: everything; a callable: asked after the
    write) and equals the full rebuild."""
    full_before, partial_before = live.full_reads, live.partial_reads
    write()
    facts = live.current(store)
    reread = reread() if callable(reread) else reread
    if reread is None:
        assert live.full_reads == full_before + 1
    else:
        assert (live.full_reads, live.partial_reads) == (full_before, partial_before + 1)
        assert facts.reread == reread
    same_as_full(store, live)


def test_after_every_kind_of_write_the_kept_view_is_the_full_rebuild(built):
    ws, ids = built
    store = ws.store
    live = LiveFacts()
    same_as_full(store, live)
    assert live.full_reads == 1
    four, enemy, relayed = ids["four"], ids["enemy"], ids["relayed"]
    machine = register_corpus.casualty_id(ws, four)

    # review decisions and their undo
    wrote(store, live, lambda: review.decide(store, machine, "accept", ACTOR), reread={four})
    wrote(store, live, lambda: review.undo(store, machine, ACTOR), reread={four})
    wrote(store, live, lambda: review.decide(store, register_corpus.casualty_id(ws, enemy), "reject", ACTOR),
          reread={enemy})
    # a hand-made finding repeating the machine's ("четверо не вернулись"), then its number and side corrected
    text = store.current_transcript(four).text
    start = text.index("четверо не вернулись")
    added = {}
    wrote(store, live, lambda: added.update(review.add_missed(store, four, {
        "kind": "casualty", "label": "killed", "start": start, "end": start + len("четверо"), "count": 4,
        "side": "own"}, ACTOR)), reread={four})
    corrected = {}
    wrote(store, live, lambda: corrected.update(review.correct(store, added["id"], {"count": 5}, ACTOR)),
          reread={four})
    wrote(store, live, lambda: review.correct(store, corrected["id"], {"side": "enemy"}, ACTOR), reread={four})
    # incident decisions name no call: nothing is reread, the register takes them
    same = [register_corpus.casualty_id(ws, ids[key]) for key in ("unit-kreminna", "unit-rubizhne", "relayed")]
    merged = {}
    wrote(store, live, lambda: merged.update(
        decision=decide_incidents(store, {"action": "merge", "findings": same}, ACTOR)), reread=set())
    wrote(store, live, lambda: decide_incidents(store, {"action": "split", "findings": same[2:]}, ACTOR),
          reread=set())
    wrote(store, live, lambda: decide_incidents(store, {"action": "keep_apart", "findings": same[1:]}, ACTOR),
          reread=set())
    wrote(store, live, lambda: undo_decision(store, merged["decision"].id, ACTOR), reread=set())
    # a mention of a merged incident rejected: the incident loses it
    wrote(store, live, lambda: review.decide(store, same[0], "reject", ACTOR), reread={ids["unit-kreminna"]})
    # metadata (the call moves to another week and oblast), a new call, an external series, a login
    wrote(store, live, lambda: store.update_metadata(relayed, CallMetadata(recorded_at=datetime(2023, 2, 2, 10, 0),
                                                                           oblast="Donetsk"), ACTOR),
          reread={relayed})
    new_call = {}
    wrote(store, live, lambda: new_call.update(call=store.add_call("late", ACTOR, CallMetadata(
        recorded_at=datetime(2023, 3, 1, 8, 0), oblast="Kharkiv"), reason="test").id),
          reread=lambda: {new_call["call"]})
    # a new call telling the same losses again (the 54th brigade near Kreminna): its pairs are found, then
    # dropped when its mention is rejected
    told = {}
    wrote(store, live, lambda: told.update(call=register_corpus.add_told_call(store, "told-again", (
        datetime(2023, 1, 16, 8, 0), "Luhansk", "Кременная", "Из 54-й бригады трое двухсотых под Кременной.",
        ("трое двухсотых", "killed", 3, False, "own"),
        [("54-й бригады", "UNIT", {"normal": "54-й бригады"}),
         ("Кременной", "LOC", {"normal": "Кременная", "geo": register_corpus.KREMINNA})]))),
        reread=lambda: {told["call"]})
    again = register_corpus.casualty_id(ws, told["call"])
    assert any(again in p.findings for p in build_register(store).proposals)  # proposed with the others
    wrote(store, live, lambda: review.decide(store, again, "reject", ACTOR), reread=lambda: {told["call"]})
    wrote(store, live, lambda: store.import_series("Court cases", "fictional", None, "0" * 64, [
        SeriesPoint(start=date(2023, 1, 1), end=date(2023, 1, 31), value=12.0)], ACTOR), reread=set())
    wrote(store, live, lambda: store.add_user("viewer", "viewer", register_corpus.PASSWORD, actor=ACTOR),
          reread=set())
    # a write that names no call and is not known to leave calls alone: everything is reread (fail safe)
    wrote(store, live, lambda: store.audit(actor=ACTOR, action="maintenance.repair", object_type="calls",
                                           object_id="all"), reread=None)


def test_a_new_transcript_version_is_masked_whole_until_checked_for_personal_data(built):
    ws, ids = built
    store = ws.store
    live = LiveFacts()
    same_as_full(store, live)
    call = ids["four"]
    text = "Серёга сказал, двухсотые все четверо."
    version = store.add_transcript(call, Transcript(segments=(Segment(text=text, speaker="A", start=0.0, end=3.0),),
                                                    language="ru", source=TranscriptSource.IMPORTED), actor=ACTOR)
    at = text.index("двухсотые все четверо")
    casualty = Finding(kind=FindingKind.CASUALTY, label="killed", start=at, end=at + 21, text=text[at:at + 21],
                       score=0.9, producer="casualties.v1", explanation="Серёга: lexicon 200 = killed",
                       attributes={"count": 4, "side": "own"})
    wrote(store, live, lambda: store.replace_machine_findings(version, "casualties.v1", [casualty], "digest", ACTOR),
          reread={call})

    def evidence_of(report):
        return next(e for cell in report.table("casualties") for e in cell.evidence if e.transcript_id == version)

    masked = evidence_of(live_report(store, live, ReportOptions()))
    assert masked.text == MASK_CHAR * len(casualty.text)  # no detector looked at this segment: masked whole
    assert "Серёга" not in masked.explanation
    assert evidence_of(live_report(store, live, ReportOptions(include_people=True))).text == casualty.text

    person = Finding(kind=FindingKind.ENTITY, label="PER", start=0, end=6, text="Серёга", score=0.9,
                     producer="entities.v1", explanation="PER lexicon", attributes={"normal": "Серёга"})
    wrote(store, live, lambda: store.replace_machine_findings(version, "entities.v1", [person], "digest", ACTOR,
                                                              personal_data=True), reread={call})
    checked = evidence_of(live_report(store, live, ReportOptions()))
    assert checked.text == casualty.text  # checked now, and the casualty words hold no name
    assert "Серёга" not in checked.explanation  # the name is scrubbed from the explanation


def test_a_read_torn_by_a_concurrent_writer_is_masked_whole_for_viewers_and_not_kept(built):
    ws, ids = built
    store = ws.store
    live = LiveFacts()
    same_as_full(store, live)
    other = Workspace.open(ws.root)  # a second connection to the same database: another process writing
    writes = []
    armed = False

    def write_during_the_read(conn, cursor, statement, *args) -> None:
        # another writer commits while the facts are read (right after their findings query): the audit log moves
        if armed and "FROM findings" in statement:
            writes.append(other.store.add_user(f"writer{len(writes)}", "viewer", register_corpus.PASSWORD,
                                               actor=ACTOR))

    event.listen(store.engine, "after_cursor_execute", write_during_the_read)
    try:
        call = ids["four"]
        review.decide(store, register_corpus.casualty_id(ws, call), "accept", ACTOR)
        armed = True
        torn = live_report(store, live, ReportOptions())
        armed = False
    finally:
        event.remove(store.engine, "after_cursor_execute", write_during_the_read)
        other.close()
    assert len(writes) == READ_TRIES  # every try saw the log move: none is one state
    shown = {e.call_id: e for cell in torn.table("casualties") for e in cell.evidence}
    assert shown[call].text == MASK_CHAR * len(shown[call].text)  # its checks may belong to another state
    assert "not yet checked" in shown[call].explanation
    checked = {e.call_id: e for cell in build_report(store).table("casualties") for e in cell.evidence}
    assert checked[call].text != shown[call].text and MASK_CHAR not in checked[call].text
    assert shown[ids["unit-kreminna"]] == checked[ids["unit-kreminna"]]  # calls not reread keep their kept facts
    # the torn read was used once and not kept: the next view reads every call again, as one state
    full_reads = live.full_reads
    same_as_full(store, live)
    assert live.full_reads == full_reads + 1


def test_a_timeline_of_a_register_and_a_report_read_at_different_moments_equals_the_full_one(built):
    # the web reads the register and the report through caches of their own: a write may fall between them
    ws, ids = built
    store = ws.store
    live, kept = LiveFacts(), {}
    options = ReportOptions(side="all", by="month")
    register_then = build_register(store)
    assert timeline_events(register_then, live_report(store, live, options, kept.setdefault("report", {})),
                           kept=kept) == timeline_events(register_then, build_report(store, options))
    review.decide(store, register_corpus.casualty_id(ws, ids["four"]), "accept", ACTOR)
    report_now = live_report(store, live, options, kept["report"])
    # the incidents are the same objects as before, but their calls' evidence is not: their events are made again
    assert timeline_events(register_then, report_now, kept=kept) == \
        timeline_events(register_then, build_report(store, options))


def test_a_report_refused_for_too_many_periods_keeps_its_sums(built):
    ws, _ids = built
    store = ws.store
    live, kept = LiveFacts(), {}
    wide = ReportOptions(by="day", date_from=date(2019, 1, 1))  # 2019 to the last call, by day: over the limit
    with pytest.raises(ReportError):
        live_report(store, live, wide, kept)
    sums = kept["sums"]
    with pytest.raises(ReportError):  # refused again from the same sums, not summed again
        live_report(store, live, wide, kept)
    assert kept["sums"] is sums
