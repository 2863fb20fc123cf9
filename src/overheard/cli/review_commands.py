"""``overheard finding add|correct|decide``: the review writes of the call page, from the command line.

Each command validates its input with the same pydantic model as the web forms and the JSON API
(:mod:`overheard.review.writes`): labels from the kind's fixed vocabulary, counts in 0..100,000,
side one of own/enemy/unknown. A bad write exits 2 with an E015 line naming the field.
"""

from __future__ import annotations

from typing import Annotated

import typer

from overheard.cli.common import ActorOption, FormatOption, WorkspaceOption, check_format, open_workspace, print_json

finding_app = typer.Typer(help="Add, correct, accept or reject findings (audited, like the call page's forms).",
                          no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``finding`` command group to the app."""
    app.add_typer(finding_app, name="finding")
    finding_app.command("add")(finding_add)
    finding_app.command("correct")(finding_correct)
    finding_app.command("decide")(finding_decide)


def _actor(actor: str | None) -> str:
    from overheard.store.audit import default_actor

    return actor or default_actor()


def _print(result: dict, fmt: str, line: str) -> None:
    if fmt == "json":
        print_json(result)
    else:
        typer.echo(line)


def finding_add(
    call: Annotated[str, typer.Argument(help="Call id or key.")],
    kind: Annotated[str, typer.Option("--kind", help="casualty, theme, term or entity.")],
    label: Annotated[str, typer.Option("--label", help="From the kind's fixed list, e.g. killed, refusal, PER.")],
    start: Annotated[int | None, typer.Option("--start", help="First character of the span.")] = None,
    end: Annotated[int | None, typer.Option("--end", help="One past the last character.")] = None,
    phrase: Annotated[str | None, typer.Option("--text", help="Find the span: the first occurrence of this text "
                                               "in the current transcript (instead of --start/--end).")] = None,
    count: Annotated[str | None, typer.Option("--count", help="People stated, 0..100,000.")] = None,
    about: Annotated[bool, typer.Option("--about", help="The count is approximate.")] = False,
    side: Annotated[str | None, typer.Option("--side", help="Casualty: own, enemy or unknown.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the finding).")] = None,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
    fmt: FormatOption = "text",
) -> None:
    """Add a finding the machine missed on a call's current transcript."""
    from overheard import review

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        if phrase is not None:
            current = ws.store.current_transcript(call)
            found = current.text.find(phrase) if current is not None and phrase else -1
            if found < 0:
                raise review.ReviewError("--text: not found in the call's current transcript")
            start, end = found, found + len(phrase)
        if start is None or end is None:
            raise review.ReviewError("give the span as --start and --end, or as --text")
        data = {"kind": kind, "label": label, "start": start, "end": end, "count": count, "approximate": about,
                "side": side, "note": note}
        result = review.add_missed(ws.store, call, data, _actor(actor))
    finally:
        ws.close()
    _print(result, fmt, f"added finding {result['id']}")


def finding_correct(
    finding: Annotated[int, typer.Argument(help="Finding id.")],
    kind: Annotated[str | None, typer.Option("--kind", help="New kind.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="New label from the kind's fixed list.")] = None,
    start: Annotated[int | None, typer.Option("--start")] = None,
    end: Annotated[int | None, typer.Option("--end")] = None,
    count: Annotated[str | None, typer.Option("--count", help="People stated, 0..100,000.")] = None,
    about: Annotated[bool, typer.Option("--about", help="The count is approximate.")] = False,
    side: Annotated[str | None, typer.Option("--side", help="Casualty: own, enemy or unknown.")] = None,
    revision: Annotated[int | None, typer.Option("--revision", help="The revision you reviewed (refused if it "
                                                 "changed meanwhile).")] = None,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
    fmt: FormatOption = "text",
) -> None:
    """Correct a finding: a human finding replaces it (the old one is kept as corrected)."""
    from overheard import review

    check_format(fmt)
    changes = {"kind": kind, "label": label, "start": start, "end": end, "count": count, "approximate": about,
               "side": side, "revision": revision}
    ws = open_workspace(workspace)
    try:
        result = review.correct(ws.store, finding, {k: v for k, v in changes.items() if v is not None},
                                _actor(actor))
    finally:
        ws.close()
    _print(result, fmt, f"finding {finding} corrected by finding {result['id']}")


def finding_decide(
    finding: Annotated[int, typer.Argument(help="Finding id.")],
    action: Annotated[str, typer.Argument(help="accept or reject.")],
    revision: Annotated[int | None, typer.Option("--revision")] = None,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
    fmt: FormatOption = "text",
) -> None:
    """Accept or reject a finding."""
    from overheard import review

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        result = review.decide(ws.store, finding, action, _actor(actor), revision)
    finally:
        ws.close()
    _print(result, fmt, f"finding {finding} {result['review_status']}")
