"""CLI commands of the people desk: ``people show|claim|evidence|verify|proposals|accept|reject|undo`` and
``signoff``.

The command line is the workspace owner's: it acts as an editor (real names shown, claims recorded) under
``--actor`` for the audit log; the rules that need two people (a claim's sign-off, a call's sign-off) compare
actor names, so a second person signs with their own ``--actor``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overheard.cli.common import ActorOption, FormatOption, WorkspaceOption, check_format, open_workspace, print_json
from overheard.model import Role

CLI_ROLE = Role.EDITOR


def _actor(actor: str | None) -> str:
    from overheard.store.audit import default_actor

    return actor or default_actor()


def register(app: typer.Typer) -> None:
    """Add the people desk's commands to ``app`` (``people`` is the redact area's group)."""
    from overheard.cli.redact_commands import people_app

    people_app.command("show")(people_show)
    people_app.command("claim")(people_claim)
    people_app.command("evidence")(people_evidence)
    people_app.command("verify")(people_verify)
    people_app.command("proposals")(people_proposals)
    people_app.command("accept")(people_accept)
    people_app.command("reject")(people_reject)
    people_app.command("undo")(people_undo)
    people_app.command("split-calls")(people_split_calls)
    people_app.command("link-speaker")(people_link_speaker)
    people_app.command("unlink-speaker")(people_unlink_speaker)
    people_app.command("speakers")(people_speakers)
    app.command("signoff")(signoff)
    app.command("network")(network_command)


def people_show(person: Annotated[int, typer.Argument(help="Person id (see 'people list').")],
                workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """One person: mentions with the second of audio, claims with evidence and their chain, decisions."""
    from overheard.review.desk import person_page

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        page = person_page(ws.store, person, CLI_ROLE)
    finally:
        ws.close()
    if fmt == "json":
        print_json(page)
        return
    typer.echo(f"person {page['id']}: {page['display']} -> {page['pseudonym']}"
               + (f" (retired: {', '.join(page['retired'])})" if page["retired"] else ""))
    for m in page["mentions"]:
        at = f"{m['time']:.1f}s" if m["time"] is not None else f"chars {m['start']}"
        typer.echo(f"  mention  {m['call_key']:<24} {at:>10}  {m['text']}")
    for c in page["claims"]:
        typer.echo(f"  claim {c['id']}  {c['kind']}: {c['value']}  [{c['status']}]  "
                   f"{c['independent_sources']} independent source(s)")
        for e in c["evidence"]:
            files = f"  +{len(e['attachments'])} file(s)" if e["attachments"] else ""
            typer.echo(f"      evidence {e['id']}  {e['kind']}: {e['source']}  ({e['observed_on'] or 'undated'}, "
                       f"by {e['recorded_by']}){files}")
        for step in c["chain"]:
            typer.echo(f"      {step['at'][:16]}  {step['action']:<9} {step['from'] or '-'} -> {step['to']}  "
                       f"by {step['by']}")
    for link in page["speaks_in"]:
        typer.echo(f"  speaks in {link['call_key']:<22} as {link['speaker']}  [{link['status']}]  link {link['id']}"
                   f" by {link['linked_by']}")
    for d in page["decisions"]:
        typer.echo(f"  decision {d['id']}  {d['kind']} ({d['reason']}) {d['status']} by {d['decided_by']}")
    for p in page["proposals"]:
        typer.echo(f"  proposal {p['kind']} {p['reason_text']}: people {p['people']}  {p['signature']}")


def people_claim(person: Annotated[int, typer.Argument(help="Person id.")],
                 kind: Annotated[str, typer.Argument(help="real_name, unit, home_town, relation or status.")],
                 value: Annotated[str, typer.Argument(help="The claim (status: alive, killed, wounded, captured, "
                                                           "refused).")],
                 workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Record an unverified claim about a person (audited)."""
    from overheard.review.identities import add_claim

    ws = open_workspace(workspace)
    try:
        claim = add_claim(ws.store, person, {"kind": kind, "value": value}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"claim {claim.id}: {claim.kind} [{claim.status}]")


def people_evidence(
    claim: Annotated[int, typer.Argument(help="Claim id (see 'people show').")],
    kind: Annotated[str, typer.Option("--kind", help="relative_contacted, soldier_contacted, phone_profile, "
                                                      "document, social_media, voice_comparison or other.")],
    source: Annotated[str, typer.Option("--source", help="Who or what the evidence comes from.")],
    observed_on: Annotated[str, typer.Option("--date", help="When it was obtained (YYYY-MM-DD).")] = "",
    note: Annotated[str, typer.Option("--note", help="What it shows.")] = "",
    attach: Annotated[list[Path] | None, typer.Option("--attach", help="A screenshot or document (repeatable): "
                                                                      "kept in the vault with its hash.")] = None,
    workspace: WorkspaceOption = None, actor: ActorOption = None,
) -> None:
    """Record an evidence item for a claim; the claim becomes corroborated (audited)."""
    from overheard.review.identities import add_evidence

    ws = open_workspace(workspace)
    try:
        updated = add_evidence(ws.store, ws.vault, claim, {"kind": kind, "source": source, "observed_on": observed_on,
                                                           "note": note}, _actor(actor), CLI_ROLE, attach or [])
    finally:
        ws.close()
    typer.echo(f"claim {updated.id}: {len(updated.evidence)} evidence item(s) [{updated.status}]")


def people_verify(
    claim: Annotated[int, typer.Argument(help="Claim id.")],
    action: Annotated[str, typer.Option("--action", help="sign_off, dispute, retract or reopen.")] = "sign_off",
    note: Annotated[str, typer.Option("--note", help="Why (needed to dispute or retract).")] = "",
    workspace: WorkspaceOption = None, actor: ActorOption = None,
) -> None:
    """Sign off a claim (two independent sources; not by whoever recorded all its evidence), or dispute it."""
    from overheard.review.identities import decide

    ws = open_workspace(workspace)
    try:
        updated = decide(ws.store, claim, {"action": action, "note": note}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"claim {updated.id}: {updated.status}")


def people_proposals(workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """Open merge and split proposals (same call sign, phone, or name and unit), with their evidence."""
    from overheard.review.proposals import proposals

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        found = [p.as_dict() for p in proposals(ws.store)]
    finally:
        ws.close()
    if fmt == "json":
        print_json(found)
        return
    for p in found:
        calls = sorted({e["call_id"] for e in p["evidence"]})
        typer.echo(f"{p['signature']}  {p['kind']} people {p['people']}: {p['reason_text']} (calls {calls})")


def people_accept(signature: Annotated[str, typer.Argument(help="The proposal's signature.")],
                  workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Accept a merge or split proposal (audited; 'people undo' reverses it)."""
    from overheard.jobs.people import Pseudonymiser, workspace_secret
    from overheard.review.proposals import accept

    ws = open_workspace(workspace)
    try:
        person = accept(ws.store, signature, _actor(actor), CLI_ROLE, Pseudonymiser(workspace_secret(ws)))
        decision = ws.store.person_decisions(person)[-1]
    finally:
        ws.close()
    typer.echo(f"decision {decision.id}: {decision.kind} applied (person {person})")


def people_reject(signature: Annotated[str, typer.Argument(help="The proposal's signature.")],
                  workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Reject a proposal (recorded and audited; it is not proposed again)."""
    from overheard.review.proposals import reject

    ws = open_workspace(workspace)
    try:
        decision = reject(ws.store, signature, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"decision {decision}: rejected")


def people_undo(decision: Annotated[int, typer.Argument(help="Decision id (see 'people show').")],
                workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Undo a merge or split: the mentions go back to who they were (audited)."""
    ws = open_workspace(workspace)
    try:
        undone = ws.store.undo_person_decision(decision, _actor(actor))
    finally:
        ws.close()
    typer.echo(f"decision {undone.id}: {undone.kind} undone")


def _call_ref(call: str) -> int | str:
    return int(call) if call.isdigit() else call


def people_split_calls(person: Annotated[int, typer.Argument(help="Person id.")],
                       calls: Annotated[list[str], typer.Argument(help="Call ids or keys whose mentions go to a new "
                                                                       "person.")],
                       workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Split a person by call: the mentions in these calls become a new person, even where one full name is said
    in other calls too (audited; 'people undo' reverses it)."""
    from overheard.jobs.people import Pseudonymiser, workspace_secret
    from overheard.review.proposals import split_by_calls

    ws = open_workspace(workspace)
    try:
        ids = [ws.store.get_call(_call_ref(c)).id for c in calls]
        new = split_by_calls(ws.store, person, {"calls": ids}, _actor(actor), CLI_ROLE,
                             Pseudonymiser(workspace_secret(ws)))
        decision = ws.store.person_decisions(new)[-1]
        pseudonym = ws.store.people([new])[0].pseudonym
    finally:
        ws.close()
    typer.echo(f"decision {decision.id}: split by call; new person {new} ({pseudonym})")


def people_link_speaker(call: Annotated[str, typer.Argument(help="Call id or key.")],
                        speaker: Annotated[str, typer.Argument(help="The speaker (channel or label, e.g. A).")],
                        person: Annotated[int, typer.Argument(help="Person id.")],
                        workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Say that a call's speaker is this person (audited; 'people unlink-speaker' undoes it)."""
    from overheard.review.speaker_links import link_speaker

    ws = open_workspace(workspace)
    try:
        link = link_speaker(ws.store, {"call": call, "speaker": speaker, "person": person}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"link {link.id}: speaker {link.speaker} of call {link.call_id} is person {link.person_id}")


def people_unlink_speaker(call: Annotated[str, typer.Argument(help="Call id or key.")],
                          speaker: Annotated[str, typer.Argument(help="The linked speaker.")],
                          workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Undo a speaker link (audited; the person page keeps it as unlinked)."""
    from overheard.errors import NotFoundError
    from overheard.review.speaker_links import unlink_speaker

    ws = open_workspace(workspace)
    try:
        call_id = ws.store.get_call(_call_ref(call)).id
        current = [link for link in ws.store.speaker_links(call_id=call_id) if link.speaker == speaker]
        if not current:
            raise NotFoundError(f"speaker {speaker} of call {call} is linked to nobody: see 'people speakers {call}'")
        link = unlink_speaker(ws.store, current[0].id, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"link {link.id}: unlinked (speaker {link.speaker} of call {link.call_id}, person {link.person_id})")


def people_speakers(call: Annotated[str, typer.Argument(help="Call id or key.")],
                    workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """A call's speakers and the person each is linked to (real names: the CLI is an editor's)."""
    from overheard.review.speaker_links import call_links

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        view = call_links(ws.store, ws.store.get_call(_call_ref(call)).id, CLI_ROLE)
    finally:
        ws.close()
    if fmt == "json":
        print_json(view)
        return
    for item in view["speakers"]:
        link = item["link"]
        who = f"person {link['person']} {link['display']} -> {link['pseudonym']}" if link else "-"
        typer.echo(f"{item['speaker']:<12} {who}")


def signoff(call: Annotated[str, typer.Argument(help="Call id or key.")],
            check: Annotated[bool, typer.Option("--check", help="Only say what the call still needs.")] = False,
            workspace: WorkspaceOption = None, actor: ActorOption = None, fmt: FormatOption = "text") -> None:
    """Sign off a call; a second reviewer's sign-off, with every finding decided, makes it verified."""
    from overheard.review.signoff import sign_off, verification

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        ref = int(call) if call.isdigit() else call
        state = verification(ws.store, ref) if check else sign_off(ws.store, ref, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    if fmt == "json":
        print_json(state)
        return
    word = "verified" if state["verified"] else f"not verified: needs {'; '.join(state['missing'])}"
    typer.echo(f"call {state['call']}: {word} (signed off by {', '.join(state['signed_by']) or 'nobody'})")


def network_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or graphml.")] = "json",
    unit: Annotated[str, typer.Option("--unit", help="Only calls naming this unit.")] = "",
    call: Annotated[int | None, typer.Option("--call", help="Only this call (id).")] = None,
    identities: Annotated[bool, typer.Option("--identities", help="Real names, call signs, phones and units "
                                                                  "instead of pseudonyms and labels.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """People, units, call signs and phones named in the same calls, as JSON or GraphML (pseudonyms by default)."""
    from overheard.jobs.network import graphml, network
    from overheard.jobs.people import workspace_secret

    check_format(fmt, ("json", "graphml"))
    ws = open_workspace(workspace)
    try:
        graph = network(ws.store, workspace_secret(ws), CLI_ROLE, identities=identities, unit=unit or None, call=call)
    finally:
        ws.close()
    if fmt == "graphml":
        typer.echo(graphml(graph), nl=False)
    else:
        print_json(graph)
