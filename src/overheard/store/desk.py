"""The people desk's part of the :class:`~overheard.store.Store` facade: person candidates and their
decisions, identity claims with evidence, places found in calls, and call sign-offs.

Each method is one transaction over one aggregate module (:mod:`.people`, :mod:`.person_decisions`,
:mod:`.identities`, :mod:`.signoffs`) and returns core types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from overheard.model import (
    Attachment,
    CallSignOff,
    Claim,
    EntityForm,
    PeopleFound,
    Person,
    PersonDecision,
    PersonMention,
    PlaceMention,
    PseudonymChange,
    SpeakerLink,
)
from overheard.store import identities, people, person_decisions, signoffs, speaker_links
from overheard.store.people import PersonNamer


class PeopleDeskStore:
    """Store methods of the people desk (mixed into :class:`~overheard.store.Store`)."""

    # ---- people --------------------------------------------------------------------------
    def sync_people(self, found: Sequence[PeopleFound], namer: PersonNamer, actor: str) -> dict[str, int]:
        """Replace the stored mentions, forms and places of these transcripts, adding candidates for new keys.

        Returns counts: calls, mentions, new candidates, forms, places and pseudonyms changed (audited).
        """
        with self.writing() as session:
            return people.sync(session, found, namer, actor)

    def people(self, ids: Sequence[int] | None = None) -> list[Person]:
        """Every person candidate (or those of ``ids``) with its keys, mention count, calls and surface forms."""
        with self.reading() as session:
            return people.persons(session, ids)

    def merge_people(self, target_id: int, source_ids: Sequence[int], actor: str, *, reason: str = "manual",
                     signature: str | None = None, evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
        """Move every key of ``source_ids`` to ``target_id`` (kept across syncs); returns the decision id."""
        with self.writing() as session:
            return person_decisions.merge(session, target_id, source_ids, actor, reason=reason, signature=signature,
                                          evidence=evidence)

    def split_person(self, candidate_id: int, key: str | Sequence[str], namer: PersonNamer, language: str,
                     actor: str, *, reason: str = "manual", signature: str | None = None,
                     evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
        """Give one key (or several) of a candidate a new candidate; returns the new candidate's id."""
        keys = [key] if isinstance(key, str) else list(key)
        with self.writing() as session:
            return person_decisions.split(session, candidate_id, keys, namer, language, actor, reason=reason,
                                          signature=signature, evidence=evidence)[0]

    def split_person_calls(self, candidate_id: int, call_ids: Sequence[int], namer: PersonNamer, language: str,
                           actor: str, *, reason: str = "per_call", signature: str | None = None,
                           evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
        """Give a person's mentions in these calls a new person (a name said elsewhere too is split per call,
        kept across syncs); returns the new candidate's id."""
        with self.writing() as session:
            return person_decisions.split_calls(session, candidate_id, call_ids, namer, language, actor,
                                                reason=reason, signature=signature, evidence=evidence)[0]

    def reject_person_proposal(self, kind: str, candidates: Sequence[int], signature: str, actor: str, reason: str,
                               evidence: Sequence[Mapping[str, Any]] | None = None) -> int:
        """Record a rejected merge or split proposal (not proposed again); returns the decision id."""
        with self.writing() as session:
            return person_decisions.reject(session, kind, candidates, signature, actor, reason, evidence)

    def undo_person_decision(self, decision_id: int, actor: str) -> PersonDecision:
        """Undo an applied merge or split (its keys go back; a merged person gets its pseudonym back)."""
        with self.writing() as session:
            return person_decisions.undo(session, decision_id, actor)

    def person_decisions(self, candidate_id: int | None = None) -> list[PersonDecision]:
        """Merge and split decisions (of one candidate, or all), oldest first."""
        with self.reading() as session:
            return person_decisions.decisions(session, candidate_id)

    def decided_proposals(self) -> set[str]:
        """Signatures of the proposals a person already decided."""
        with self.reading() as session:
            return person_decisions.decided_signatures(session)

    def pseudonym_history(self, candidate_ids: Sequence[int]) -> list[PseudonymChange]:
        """Every pseudonym these candidates were given, and why, oldest first."""
        with self.reading() as session:
            return [PseudonymChange(r.candidate_id, r.pseudonym, r.previous, r.reason, r.at, r.actor)
                    for r in people.pseudonym_history(session, candidate_ids)]

    def person_mentions(self, candidate_id: int | None = None) -> list[PersonMention]:
        """Every stored person mention, or those of one candidate."""
        with self.reading() as session:
            return people.mentions(session, candidate_id)

    def people_named_in_call(self, call_id: int) -> list[int]:
        """The ids of the people mentioned in one call."""
        with self.reading() as session:
            return people.named_in_call(session, call_id)

    def entity_forms(self, label: str | None = None) -> list[EntityForm]:
        """Every stored phone, call sign and unit form, or only those with ``label``."""
        with self.reading() as session:
            return people.forms(session, label)

    def place_mentions(self) -> list[PlaceMention]:
        """Every place found in current transcripts by the last ``people sync``."""
        with self.reading() as session:
            return people.places(session)

    # ---- speaker links -------------------------------------------------------------------
    def link_speaker(self, candidate_id: int, call_id: int, speaker: str, actor: str) -> SpeakerLink:
        """Link a call's speaker to a person (audited); refused if that speaker is linked already."""
        with self.writing() as session:
            return speaker_links.link(session, candidate_id, call_id, speaker, actor)

    def unlink_speaker(self, link_id: int, actor: str) -> SpeakerLink:
        """Undo a speaker link (kept as unlinked, audited)."""
        with self.writing() as session:
            return speaker_links.unlink(session, link_id, actor)

    def speaker_links(self, *, person_ids: Sequence[int] | None = None, call_id: int | None = None,
                      history: bool = False) -> list[SpeakerLink]:
        """Current speaker links (of these persons, one call, or all); with ``history`` the unlinked ones too."""
        with self.reading() as session:
            return speaker_links.links(session, person_ids=person_ids, call_id=call_id, history=history)

    # ---- identity claims -----------------------------------------------------------------
    def add_claim(self, candidate_id: int, kind: str, value: str, actor: str) -> int:
        """A new unverified claim about a person (audited); returns its id."""
        with self.writing() as session:
            return identities.add_claim(session, candidate_id, kind, value, actor)

    def claims(self, candidate_ids: Sequence[int] | None = None) -> list[Claim]:
        """Claims (of these candidates, or all) with evidence, attachments and their chain of transitions."""
        with self.reading() as session:
            return identities.claims(session, candidate_ids)

    def claim(self, claim_id: int) -> Claim:
        """One claim; raise NotFoundError."""
        with self.reading() as session:
            return identities.claim(session, claim_id)

    def claim_status_counts(self) -> dict[int, dict[str, int]]:
        """Per person, how many claims are in each status."""
        with self.reading() as session:
            return identities.status_counts(session)

    def add_evidence(self, claim_id: int, *, kind: str, source: str, observed_on: str | None, note: str | None,
                     actor: str, files: Sequence[tuple[str, int, str, str]], new_status: str,
                     expected_revision: int) -> int:
        """Record an evidence item (with vaulted attachments) and the claim's new status; returns its id."""
        with self.writing() as session:
            return identities.add_evidence(session, claim_id, kind=kind, source=source, observed_on=observed_on,
                                           note=note, actor=actor, files=files, new_status=new_status,
                                           expected_revision=expected_revision)

    def claim_transition(self, claim_id: int, *, action: str, to_status: str, actor: str, note: str | None,
                         expected_revision: int) -> int:
        """Move a claim to another status (audited, refused if it changed meanwhile); returns its revision."""
        with self.writing() as session:
            return identities.transition(session, claim_id, action=action, to_status=to_status, actor=actor,
                                         note=note, expected_revision=expected_revision)

    def evidence_attachments(self) -> list[Attachment]:
        """Every evidence attachment (vault verification covers them like originals)."""
        with self.reading() as session:
            return identities.attachments(session)

    # ---- call sign-offs ------------------------------------------------------------------
    def call_signoffs(self, call_id: int) -> list[CallSignOff]:
        """Every sign-off of a call, oldest first."""
        with self.reading() as session:
            return signoffs.signoffs(session, call_id)

    def sign_off_call(self, call_id: int, transcript_id: int, actor: str, status: str) -> None:
        """Record a reviewer's sign-off of the call's current transcript and set its status (audited)."""
        with self.writing() as session:
            signoffs.sign(session, call_id, transcript_id, actor, status)
