"""The FastAPI application factory of the web workbench."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from overheard import crashlog
from overheard.errors import ConflictError, NotFoundError, OverheardError
from overheard.store.users import DEFAULT_THROTTLE, LoginThrottled, Throttle
from overheard.web import api, pages, reports
from overheard.web import quotes as quote_pages
from overheard.web import search as search_pages
from overheard.web.auth import Forbidden, NotLoggedIn, session_of
from overheard.workspace import Workspace

HERE = Path(__file__).parent
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status_code: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status_code)
    web_session = session_of(request) if hasattr(request.app.state, "workspace") else None
    return pages.render(request, "error.html", web_session, status_code=status_code, status=status_code,
                        message=message)


def create_app(workspace: Workspace, *, secret: bytes | None = None, throttle: Throttle = DEFAULT_THROTTLE) -> FastAPI:
    """The workbench over ``workspace`` (its ``root`` and ``store`` are all it uses).

    ``secret`` keys the login-form CSRF tokens; a random one per process is fine
    because it only protects forms shown before login. ``throttle`` sets how many
    failed logins per name and per client address are allowed.
    """
    app = FastAPI(title="overheard workbench", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json")
    app.state.workspace = workspace
    app.state.secret = secret or secrets.token_bytes(32)
    app.state.throttle = throttle
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # transcript text is always escaped, whatever the file suffix
    templates.env.globals["quote"] = quote
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(reports.router)
    app.include_router(search_pages.router)
    app.include_router(quote_pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith("/static/"):
            # everything behind a login, audio included: a browser shared by two accounts keeps nothing
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, _error: NotLoggedIn) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "login required"}, status_code=401)
        return RedirectResponse("/login?next=" + quote(request.url.path), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        return _error_page(request, 403, error.reason)

    @app.exception_handler(LoginThrottled)
    async def throttled(request: Request, error: LoginThrottled) -> Response:
        return _error_page(request, 429, str(error))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, error: NotFoundError) -> Response:
        return _error_page(request, 404, str(error))

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, error: ConflictError) -> Response:
        return _error_page(request, 409, str(error))

    @app.exception_handler(OverheardError)
    async def bad_request(request: Request, error: OverheardError) -> Response:
        return _error_page(request, 400, str(error))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # the error boundary: a coded line and a crash log (classes and frames only), never text or SQL values
        return _error_page(request, 500, crashlog.one_line(error, f"web {request.method}"))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> HTMLResponse:
        return HTMLResponse("ok")

    return app
