"""CLI commands of the web area: ``overheard serve`` and ``overheard user add|list|set``."""

from __future__ import annotations

import secrets
import sys
from typing import Annotated

import typer

from overheard.cli.common import ActorOption, FormatOption, WorkspaceOption, check_format, open_workspace, print_json
from overheard.model import Role

user_app = typer.Typer(help="Manage the web workbench's local accounts.", no_args_is_help=True)


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or prompted twice without echo."""
    from overheard.store.users import AccountError

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise AccountError("no password given")
    return password


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name (letters, digits, _ . @ -).")],
    role: Annotated[Role, typer.Option("--role", "-r", help="admin, editor, analyst or viewer.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Create a web account (password prompted, or read from stdin for scripts)."""
    from overheard.store.audit import default_actor

    password = read_password(password_stdin)
    user = open_workspace(workspace).store.add_user(name, role, password, actor=actor or default_actor())
    typer.echo(f"added {user.name} ({user.role.value})")


@user_app.command("list")
def user_list(workspace: WorkspaceOption = None, fmt: FormatOption = "text") -> None:
    """List the web accounts."""
    check_format(fmt)
    users = open_workspace(workspace).store.list_users()
    if fmt == "json":
        print_json([{"id": u.id, "name": u.name, "role": u.role.value, "created_at": u.created_at.isoformat(),
                     "disabled": u.disabled} for u in users])
        return
    for user in users:
        state = "disabled" if user.disabled else "active"
        typer.echo(f"{user.name}\t{user.role.value}\t{state}\t{user.created_at:%Y-%m-%d %H:%M}")


@user_app.command("set")
def user_set(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[Role | None, typer.Option("--role", "-r", help="New role.")] = None,
    disable: Annotated[bool | None, typer.Option("--disable/--enable", help="Lock or unlock the account.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read a new password from stdin.")] = False,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Change an account's role, lock it, or set a new password."""
    from overheard.store.audit import default_actor
    from overheard.store.users import AccountError

    store = open_workspace(workspace).store
    found = [user for user in store.list_users() if user.name == name]
    if not found:
        raise AccountError(f"no user {name}; list them with 'overheard user list'")
    password = read_password(True) if password_stdin else None
    user = store.update_user(found[0].id, actor=actor or default_actor(), role=role, disabled=disable,
                             password=password)
    typer.echo(f"{user.name} ({user.role.value}, {'disabled' if user.disabled else 'active'})")


def serve(
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless behind a trusted proxy.")] = (
        "127.0.0.1"),
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    demo_account: Annotated[bool, typer.Option(
        "--demo-account", help="Create (or reset) an admin 'demo' with a fresh random password and print it.")] = False,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Serve the web workbench for the workspace (http://127.0.0.1:8000 by default)."""
    import uvicorn

    from overheard.store.audit import default_actor
    from overheard.web import create_app

    opened = open_workspace(workspace)
    if demo_account:
        password = secrets.token_urlsafe(12)
        opened.store.set_account("demo", Role.ADMIN, password, actor=actor or default_actor())
        typer.echo(f"demo admin account: name demo, password {password}")
    elif not opened.store.list_users():
        typer.echo("no accounts yet: create one with 'overheard user add NAME --role admin'", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}; anyone who can reach it can try to log in", err=True)
    typer.echo(f"serving {opened.root} on http://{host}:{port}")
    # proxy_headers off: X-Forwarded-For from a local client must not dodge the per-address login limit
    uvicorn.run(create_app(opened), host=host, port=port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to app."""
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
