"""CLI commands of tags, stars and notes: ``tag add|remove|list``, ``note add|list|delete`` and ``star``.

The command line is the workspace owner's: it acts as an editor under ``--actor`` (the audit log's name, and
whose stars ``star`` sets). A call is named by id or key; findings and quotes by id. Notes are printed in
full here (they are the owner's work); they never go into the audit log, which keeps only their digests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from overheard.cli.common import ActorOption, FormatOption, WorkspaceOption, check_format, open_workspace, print_json
from overheard.model import Role

if TYPE_CHECKING:
    from overheard.model import Marks
    from overheard.store import Store

CLI_ROLE = Role.EDITOR
tag_app = typer.Typer(help="Shared tags on calls, findings and quotes.", no_args_is_help=True)
note_app = typer.Typer(help="Notes on calls, findings and quotes (personal data: analysts and above).",
                       no_args_is_help=True)
KindArgument = Annotated[str, typer.Argument(help="call, finding or quote.")]
RefArgument = Annotated[str, typer.Argument(help="The call's id or key, or the finding's or quote's id.")]


def register(app: typer.Typer) -> None:
    """Add ``tag``, ``note`` and ``star`` to ``app``."""
    tag_app.command("add")(tag_add)
    tag_app.command("remove")(tag_remove)
    tag_app.command("list")(tag_list)
    note_app.command("add")(note_add)
    note_app.command("list")(note_list)
    note_app.command("delete")(note_delete)
    app.add_typer(tag_app, name="tag")
    app.add_typer(note_app, name="note")
    app.command("star")(star_command)


def _actor(actor: str | None) -> str:
    from overheard.store.audit import default_actor

    return actor or default_actor()


def _object(store: Store, kind: str, ref: str) -> tuple[str, int]:
    """(kind, id) of a call by id or key, or a finding or quote by id (E035 / E005 otherwise)."""
    from overheard.errors import MarkError
    from overheard.review.marks import object_type

    kind = object_type(kind)
    if kind == "call":
        return kind, store.get_call(int(ref) if ref.isdigit() else ref).id
    if not ref.isdigit():
        raise MarkError(f"a {kind} is named by its id (a number)")
    return kind, int(ref)


def _echo_marks(marks: Marks, fmt: str) -> None:
    from overheard.review.marks import marks_dict

    if fmt == "json":
        print_json(marks_dict(marks))
        return
    star = " ★" if marks.starred else ""
    typer.echo(f"{marks.object_type} {marks.object_id}{star}: {', '.join(marks.tags) or 'no tags'}")


def tag_add(kind: KindArgument, ref: RefArgument,
            tags: Annotated[list[str], typer.Argument(help="One or more tags: letters, digits, - and _.")],
            workspace: WorkspaceOption = None, actor: ActorOption = None, fmt: FormatOption = "text") -> None:
    """Tag a call, finding or quote (e.g. ``overheard tag add call call-03-svatove follow-up``); audited."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        kind, object_id = _object(ws.store, kind, ref)
        for value in tags:
            result = marks.tag(ws.store, kind, object_id, {"tag": value}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    _echo_marks(result, fmt)


def tag_remove(kind: KindArgument, ref: RefArgument,
               tags: Annotated[list[str], typer.Argument(help="The tags to take off.")],
               workspace: WorkspaceOption = None, actor: ActorOption = None, fmt: FormatOption = "text") -> None:
    """Take tags off a call, finding or quote; audited."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        kind, object_id = _object(ws.store, kind, ref)
        for value in tags:
            result = marks.tag(ws.store, kind, object_id, {"tag": value}, _actor(actor), CLI_ROLE, add=False)
    finally:
        ws.close()
    _echo_marks(result, fmt)


def tag_list(kind: Annotated[str | None, typer.Argument(help="Only tags of calls, findings or quotes.")] = None,
             tag: Annotated[str | None, typer.Option("--tag", help="List the objects carrying this tag.")] = None,
             workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """The tags in use with their counts; with ``--tag``, the calls, findings and quotes that carry it."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        if tag:
            wanted = marks.check_filter(CLI_ROLE, tag)
            kinds = [marks.object_type(kind)] if kind else ["call", "finding", "quote"]
            rows = [{"object_type": k, "object_id": i} for k in kinds for i in ws.store.marked_ids(k, tag=wanted)]
        else:
            rows = [{"tag": t, "count": n} for t, n in marks.tags_in_use(ws.store, CLI_ROLE, kind)]
    finally:
        ws.close()
    if fmt == "json":
        print_json(rows)
        return
    for row in rows:
        typer.echo(f"{row['object_type']} {row['object_id']}" if tag else f"{row['count']:>5}  {row['tag']}")
    if not rows:
        typer.echo("nothing tagged" + (f" {tag}" if tag else ""))


def note_add(kind: KindArgument, ref: RefArgument,
             text: Annotated[str, typer.Argument(help="The note (up to 2,000 characters).")],
             workspace: WorkspaceOption = None, actor: ActorOption = None, fmt: FormatOption = "text") -> None:
    """Add a note to a call, finding or quote; audited by digest (the words stay out of the log)."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        kind, object_id = _object(ws.store, kind, ref)
        note = marks.add_note(ws.store, kind, object_id, {"body": text}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    if fmt == "json":
        print_json(marks.note_dict(note))
    else:
        typer.echo(f"note {note.id} on {kind} {object_id}")


def note_list(kind: KindArgument, ref: RefArgument, workspace: WorkspaceOption = None,
              fmt: FormatOption = "text") -> None:
    """The notes on a call, finding or quote, oldest first."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        kind, object_id = _object(ws.store, kind, ref)
        found = marks.visible(ws.store, kind, [object_id], None, CLI_ROLE)[object_id]
    finally:
        ws.close()
    if fmt == "json":
        print_json([marks.note_dict(n) for n in found.notes])
        return
    for note in found.notes:
        typer.echo(f"note {note.id}  {note.created_at:%Y-%m-%d %H:%M}  {note.created_by}: {note.body}")
    if not found.notes:
        typer.echo(f"no notes on {kind} {object_id}")


def note_delete(note_id: Annotated[int, typer.Argument(help="The note's id (see 'note list').")],
                workspace: WorkspaceOption = None, actor: ActorOption = None) -> None:
    """Delete a note, words and all; the audit log keeps who deleted which note and when."""
    from overheard.review import marks

    ws = open_workspace(workspace)
    try:
        note = marks.delete_note(ws.store, note_id, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    typer.echo(f"deleted note {note.id} on {note.object_type} {note.object_id}")


def star_command(kind: KindArgument, ref: RefArgument,
                 remove: Annotated[bool, typer.Option("--remove", help="Take the star off.")] = False,
                 workspace: WorkspaceOption = None, actor: ActorOption = None, fmt: FormatOption = "text") -> None:
    """Star (or, with --remove, unstar) a call, finding or quote for ``--actor``; stars are personal, audited."""
    from overheard.review import marks

    check_format(fmt)
    ws = open_workspace(workspace)
    try:
        kind, object_id = _object(ws.store, kind, ref)
        result = marks.star(ws.store, kind, object_id, {"starred": not remove}, _actor(actor), CLI_ROLE)
    finally:
        ws.close()
    _echo_marks(result, fmt)
