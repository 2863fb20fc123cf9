"""``overheard incidents``: the casualty register (incidents with calls, counts, side, place, dates, status),
its proposals, and reviewers' decisions (merge, split, keep apart, undo)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from overheard.cli.common import ActorOption, WorkspaceOption, check_format, console, open_workspace, print_json

incidents_app = typer.Typer(help="The casualty register: incidents counted once, proposals, decisions.",
                            invoke_without_command=True)
SideOption = Annotated[str, typer.Option("--side", help="own (default), enemy, unknown or all.")]


def register(app: typer.Typer) -> None:
    """Add the ``incidents`` command group to the app."""
    app.add_typer(incidents_app, name="incidents")
    incidents_app.callback(invoke_without_command=True)(incidents)
    incidents_app.command("merge")(merge)
    incidents_app.command("split")(split)
    incidents_app.command("keep-apart")(keep_apart)
    incidents_app.command("accept")(accept)
    incidents_app.command("undo")(undo)


def _actor(actor: str | None) -> str:
    from overheard.store.audit import default_actor

    return actor or default_actor()


def incidents(
    ctx: typer.Context,
    workspace: WorkspaceOption = None,
    side: SideOption = "own",
    category: Annotated[str | None, typer.Option("--category", help="killed, wounded, refused...")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or csv.")] = "text",
) -> None:
    """List incidents with their calls, counts, side, place, dates and status, the totals as ranges, and the
    proposals waiting for a reviewer."""
    if ctx.invoked_subcommand is not None:
        return
    from overheard.register import SIDE_CHOICES, RegisterError, build_register
    from overheard.register.exports import RANGE_NOTE, SIDE_NOTE, range_text, register_csv, register_json

    check_format(fmt, ("text", "json", "csv"))
    if side not in SIDE_CHOICES:
        raise RegisterError("--side is one of: " + ", ".join(SIDE_CHOICES))
    ws = open_workspace(workspace)
    try:
        built = build_register(ws.store)
    finally:
        ws.close()
    if fmt == "json":
        print_json(register_json(built, side, category))
        return
    if fmt == "csv":
        sys.stdout.write(register_csv(built, side, category))
        return
    for t in built.totals(side, [category] if category else None):
        console.print(f"{t.category} ({t.side}): {range_text(t.people_low, t.people_high)} people in "
                      f"{range_text(t.incidents_low, t.incidents_high)} incidents, from {t.mentions} mentions "
                      f"(summed: {t.mention_people}); {t.unreviewed} mentions unreviewed, {t.undecided} in "
                      "undecided proposals")
    tally = built.side_tally()
    console.print("by side (mentions / people): " + ", ".join(
        f"{s} {v['mentions']} / {v['people']}" for s, v in tally.items()), style="dim")
    proposal_of = built.proposal_of()
    for i in built.incidents:
        if (side != "all" and i.side != side) or (category and i.category != category):
            continue
        days = f"{i.days[0]}..{i.days[-1]}" if len(i.days) > 1 else (str(i.days[0]) if i.days else "undated")
        people = "?" if i.people is None else ("~" if i.approximate else "") + str(i.people)
        console.print(f"{i.id:<7} {i.category:<9} {i.side:<7} {people:>5}  calls {','.join(map(str, i.calls)):<12} "
                      f"{days:<22} {'; '.join(i.places) or '; '.join(i.oblasts):<24} {i.status}"
                      + (f"  proposal {proposal_of[i.id]}" if i.id in proposal_of else ""))
    for p in built.proposals:
        if category and p.category != category:
            continue
        console.print(f"proposal {p.id}: {' + '.join(p.incidents)} (findings {' '.join(map(str, p.findings))})")
        for reason in p.reasons:
            console.print(f"  - {reason}")
    console.print(SIDE_NOTE.format(side=side) + " " + RANGE_NOTE, style="dim")


def _decide(action: str, findings: list[int], note: str | None, workspace: Path | None, actor: str | None) -> None:
    from overheard.register import decide_incidents

    ws = open_workspace(workspace)
    try:
        decision = decide_incidents(ws.store, {"action": action, "findings": findings, "note": note}, _actor(actor))
    finally:
        ws.close()
    typer.echo(f"decision {decision.id}: {action.replace('_', ' ')} {' '.join(map(str, decision.findings))}")


NoteOption = Annotated[str | None, typer.Option("--note", help="Why (kept with the decision).")]
FindingsArgument = Annotated[list[int], typer.Argument(help="Finding ids of casualty mentions.")]


def merge(findings: FindingsArgument, note: NoteOption = None, workspace: WorkspaceOption = None,
          actor: ActorOption = None) -> None:
    """These mentions describe the same losses: one incident."""
    _decide("merge", findings, note, workspace, actor)


def split(findings: FindingsArgument, note: NoteOption = None, workspace: WorkspaceOption = None,
          actor: ActorOption = None) -> None:
    """Take these mentions out of their merged incident (each becomes its own)."""
    _decide("split", findings, note, workspace, actor)


def keep_apart(findings: FindingsArgument, note: NoteOption = None, workspace: WorkspaceOption = None,
               actor: ActorOption = None) -> None:
    """These mentions are different losses: stop proposing them as one."""
    _decide("keep_apart", findings, note, workspace, actor)


def accept(proposal: Annotated[str, typer.Argument(help="Proposal id, e.g. P12.")], note: NoteOption = None,
           workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Merge the mentions of a proposal as listed by ``overheard incidents``."""
    from overheard.register import RegisterError, build_register

    ws = open_workspace(workspace)
    try:
        found = next((p for p in build_register(ws.store).proposals if p.id == proposal), None)
    finally:
        ws.close()
    if found is None:
        raise RegisterError(f"no undecided proposal {proposal}; list them with 'overheard incidents'")
    _decide("merge", list(found.findings), note, workspace, actor)


def undo(decision: Annotated[int, typer.Argument(help="Decision id.")], workspace: WorkspaceOption = None,
         actor: ActorOption = None) -> None:
    """Undo a decision (it stays on record, marked undone)."""
    from overheard.register import undo_decision

    ws = open_workspace(workspace)
    try:
        undone = undo_decision(ws.store, decision, _actor(actor))
    finally:
        ws.close()
    typer.echo(f"decision {undone.id} ({undone.action}) undone")
