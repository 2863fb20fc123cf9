"""Identity verification: claims, evidence from independent sources, a second editor's sign-off, and who sees what.

The scenario of issue #14's "Done when" at the library level (the web version is in test_people_web.py).
"""

from __future__ import annotations

import pytest
from people_corpus import sample_workspace

from overheard.errors import PermissionDenied
from overheard.jobs.annotate import personal_data_detectors
from overheard.jobs.people import Pseudonymiser, sync_people, workspace_secret
from overheard.model import Role
from overheard.review import correct_transcript, proposals
from overheard.review import identities as ids
from overheard.review.writes import ReviewError

CALLS = ("call-01-kupiansk", "call-03-svatove", "call-15-rubizhne")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    ws = sample_workspace(tmp_path_factory.mktemp("three") / "ws", CALLS)
    yield ws
    ws.close()


def sergeys(ws):
    return [p for p in ws.store.people() if p.display == "Сергей"]


def test_the_scenario_two_people_merged_on_evidence_then_an_identity_verified_by_two_editors(template, tmp_path):
    ws = template
    store = ws.store
    # two people called Серёга, in call 01 and call 15; nobody has said they are one person yet
    first, second = sergeys(ws)
    assert {store.get_call(c).key for c in first.calls + second.calls} == {"call-01-kupiansk", "call-15-rubizhne"}
    assert proposals.proposals(store) == []
    # an analyst corrects call 01 where the recogniser missed the call sign; the same one is said in call 15
    call = store.get_call("call-01-kupiansk")
    current = store.current_transcript(call.id)
    edited = current.transcript.segments[0].text.replace("Это я, Серёга.", "Это я, Серёга, позывной Дизель.")
    correct_transcript(store, call.id, {0: edited}, "anna", base_version=current.id,
                       detectors=personal_data_detectors(ws))
    sync_people(ws, "anna")
    (proposal,) = proposals.proposals(store)
    assert proposal.kind == "merge" and proposal.reason == "callsign" and set(proposal.people) == {first.id, second.id}
    assert {e["call_id"] for e in proposal.evidence} == {first.calls[0], second.calls[0]}
    with pytest.raises(PermissionDenied):
        proposals.accept(store, proposal.signature, "vera", Role.VIEWER)
    survivor = proposals.accept(store, proposal.signature, "anna", Role.ANALYST)
    merged = store.people([survivor])[0]
    assert len(merged.calls) == 2 and merged.pseudonym == first.pseudonym and merged.retired == (second.pseudonym,)
    assert proposals.proposals(store) == []  # decided: not proposed again
    # an editor records a claim and two pieces of evidence from independent sources, one with a screenshot
    with pytest.raises(PermissionDenied):
        ids.add_claim(store, survivor, {"kind": "real_name", "value": "Сергей Бондарев"}, "anna", Role.ANALYST)
    claim = ids.add_claim(store, survivor, {"kind": "real_name", "value": "Сергей Бондарев"}, "olena", Role.EDITOR)
    assert claim.status == "unverified"
    screenshot = tmp_path / "profile.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n fictional screenshot")
    claim = ids.add_evidence(store, ws.vault, claim.id, {
        "kind": "phone_profile", "source": "messenger profile of the number", "observed_on": "2023-02-01",
        "note": "photo matches"}, "olena", Role.EDITOR, attachments=[screenshot])
    assert claim.status == "corroborated"
    claim = ids.add_evidence(store, ws.vault, claim.id, {
        "kind": "relative_contacted", "source": "his mother, by phone", "observed_on": "2023-02-03"},
        "olena", Role.EDITOR)
    assert claim.status == "corroborated" and ids.independent_sources(claim) == 2
    # the editor who recorded all the evidence cannot sign it off alone
    with pytest.raises(ids.SignOffRefused, match="second editor"):
        ids.decide(store, claim.id, {"action": "sign_off"}, "olena", Role.EDITOR)
    with pytest.raises(PermissionDenied):
        ids.decide(store, claim.id, {"action": "sign_off"}, "anna", Role.ANALYST)
    claim = ids.decide(store, claim.id, {"action": "sign_off"}, "taras", Role.EDITOR)
    assert claim.status == "verified"
    assert [(e.action, e.to_status, e.actor) for e in claim.events] == [
        ("created", "unverified", "olena"), ("evidence", "corroborated", "olena"),
        ("evidence", "corroborated", "olena"), ("sign_off", "verified", "taras")]
    # the screenshot is in the vault with its hash, checked like an original
    (attachment,) = claim.evidence[0].attachments
    assert (ws.root / attachment.vault_path).read_bytes() == screenshot.read_bytes()
    expected = {f.vault_path: f.sha256 for f in store.files()} | {attachment.vault_path: attachment.sha256}
    assert ws.vault.verify(expected) == []  # what 'overheard vault verify' checks
    assert attachment.vault_path in store.vault_paths()
    # who sees what
    assert ids.claim_view(claim, Role.VIEWER) is None
    analyst = ids.claim_view(claim, Role.ANALYST)
    assert analyst["status"] == "verified" and "value" not in analyst and "evidence" not in analyst
    assert "Бондарев" not in str(analyst) and "mother" not in str(analyst)
    editor = ids.claim_view(claim, Role.EDITOR)
    assert editor["value"] == "Сергей Бондарев" and editor["evidence"][1]["source"] == "his mother, by phone"
    # every step is audited, without the names, and the chain holds
    actions = [e.action for e in store.audit_entries()]
    for action in ("transcript.add", "people.sync", "people.merge", "claim.create", "evidence.attach",
                   "claim.evidence", "claim.sign_off"):
        assert any(a.startswith(action) for a in actions), action
    audit_text = " ".join(str(e.details) for e in store.audit_entries() if e.action.startswith(("claim", "people")))
    assert "Бондарев" not in audit_text and "mother" not in audit_text
    assert store.verify_audit() == []


@pytest.mark.parametrize("sources, recorders, signer, allowed", [
    (["mother"], ["olena"], "taras", False),  # one source
    (["mother", "Mother "], ["olena", "olena"], "taras", False),  # the same source twice is one
    (["mother", "brother"], ["olena", "olena"], "olena", False),  # the recorder alone
    (["mother", "brother"], ["olena", "taras"], "olena", True),  # two people took part
    (["mother", "brother"], ["olena", "olena"], "taras", True),
])
def test_what_a_sign_off_needs(template, sources, recorders, signer, allowed):
    store = template.store
    person = store.people()[0].id
    claim = ids.add_claim(store, person, {"kind": "status", "value": "wounded"}, "olena", Role.EDITOR)
    for source, recorder in zip(sources, recorders, strict=True):
        claim = ids.add_evidence(store, None, claim.id, {"kind": "other", "source": source}, recorder, Role.EDITOR)
    assert (ids.missing_for_verification(claim, signer) == []) is allowed


def test_dispute_retract_and_reopen_are_transitions_with_a_reason(template):
    store = template.store
    person = store.people()[1].id
    claim = ids.add_claim(store, person, {"kind": "unit", "value": "200-я бригада"}, "olena", Role.EDITOR)
    with pytest.raises(ReviewError):
        ids.decide(store, claim.id, {"action": "dispute"}, "taras", Role.EDITOR)
    claim = ids.decide(store, claim.id, {"action": "dispute", "note": "the brother says otherwise"}, "taras",
                       Role.EDITOR)
    assert claim.status == "disputed"
    claim = ids.decide(store, claim.id, {"action": "reopen"}, "olena", Role.EDITOR)
    assert claim.status == "unverified"
    claim = ids.decide(store, claim.id, {"action": "retract", "note": "wrong person"}, "olena", Role.EDITOR)
    assert [e.to_status for e in claim.events] == ["unverified", "disputed", "unverified", "retracted"]


@pytest.mark.parametrize("body", [
    {"kind": "nickname", "value": "x"},  # not a claim kind
    {"kind": "status", "value": "missing"},  # not a person status
    {"kind": "real_name", "value": "   "},
    {"kind": "real_name", "value": "a\u202eb"},  # direction characters
])
def test_a_malformed_claim_is_refused(template, body):
    with pytest.raises(ReviewError):
        ids.add_claim(template.store, template.store.people()[0].id, body, "olena", Role.EDITOR)


def test_a_stale_decision_is_refused(template):
    store = template.store
    claim = ids.add_claim(store, store.people()[0].id, {"kind": "home_town", "value": "Воронеж"}, "olena",
                          Role.EDITOR)
    ids.add_evidence(store, None, claim.id, {"kind": "document", "source": "passport scan", "revision": 0}, "olena",
                     Role.EDITOR)
    from overheard.errors import ConflictError
    with pytest.raises(ConflictError, match="changed meanwhile"):
        ids.add_evidence(store, None, claim.id, {"kind": "document", "source": "other", "revision": 0}, "taras",
                         Role.EDITOR)


def test_the_namer_is_the_workspaces(template):
    assert isinstance(Pseudonymiser(workspace_secret(template)).secret, bytes)
