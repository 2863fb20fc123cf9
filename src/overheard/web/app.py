"""The FastAPI application factory of the web workbench."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from overheard import crashlog, plugins
from overheard.errors import ConflictError, NotFoundError, OverheardError, PermissionDenied
from overheard.store.users import DEFAULT_THROTTLE, LoginThrottled, Throttle
from overheard.web import explain, i18n, messages, pages, words
from overheard.web.auth import Forbidden, NotLoggedIn, session_of
from overheard.web.i18n import gettext as _
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
    code, text = messages.split_error(message)
    return pages.render(request, "error.html", web_session, status_code=status_code, status=status_code,
                        message=text, code=code, words=messages.error_words(code) if code else None)


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
    i18n.install(templates.env)  # _(), {% trans %} and dates in the request's interface language
    templates.env.globals["theme_name"] = explain.theme_name  # from report/labels.yaml, in that language
    templates.env.globals["category_name"] = explain.category_name
    templates.env.globals["category_short"] = explain.category_short
    templates.env.globals |= {"flag_word": words.flag_word, "flag_note": words.flag_note,
                              "version_label": words.version_label, "claim_word": words.claim_word,
                              "needs_word": words.needs_word, "provenance_words": words.provenance_words}
    templates.env.filters["needs_word"] = words.needs_word
    templates.env.globals["error_words"] = messages.error_words
    templates.env.globals["error_table"] = messages.error_table
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for name in plugins.extensions("web_routers"):  # built-ins first (the API, then the pages), then plugins
        app.include_router(plugins.resolve("web_routers", name))

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

    @app.middleware("http")
    async def interface_language(request: Request, call_next):
        # the user's chosen language, else the browser's; every template, view builder and error page reads it
        # (set, not reset: the value belongs to this request's context, so the 500 page speaks it too)
        if request.url.path.startswith("/static/"):
            return await call_next(request)
        web_session = session_of(request)
        language = i18n.language_for(web_session.user.locale if web_session else None,
                                     request.headers.get("accept-language"))
        i18n.activate(language)
        response = await call_next(request)
        response.headers.setdefault("Content-Language", language)
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

    @app.exception_handler(PermissionDenied)
    async def denied(request: Request, error: PermissionDenied) -> Response:
        return _error_page(request, 403, str(error))  # a library-level role check (the people desk's rules)

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, error: ConflictError) -> Response:
        return _error_page(request, 409, str(error))

    @app.exception_handler(OverheardError)
    async def bad_request(request: Request, error: OverheardError) -> Response:
        return _error_page(request, 400, str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # unknown URLs and wrong methods: JSON under /api, a page everywhere else
        if _wants_json(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
        sentences = {404: _("There is no page at this address."),
                     405: _("This address does not take that kind of request.")}
        return _error_page(request, error.status_code, sentences.get(error.status_code, str(error.detail)))

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
        return _error_page(request, 400, _("This address is malformed (a number or a value in it cannot be read)."))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # the error boundary: a coded line and a crash log (classes and frames only), never text or SQL values
        return _error_page(request, 500, crashlog.one_line(error, f"web {request.method}"))

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> HTMLResponse:
        return HTMLResponse("ok")

    return app
