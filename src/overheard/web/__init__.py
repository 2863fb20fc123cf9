"""The web workbench: FastAPI app with server-rendered pages, a JSON twin of each, accounts and roles."""

from overheard.web.app import create_app

__all__ = ["create_app"]
