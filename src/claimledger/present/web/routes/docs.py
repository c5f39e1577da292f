"""The app's own files: its static assets and Swagger UI's, and the API docs page that uses them
(no CDN: works offline)."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..render import page

router = APIRouter()


def mount_static(app: FastAPI) -> None:
    """/static/swagger and /static. Mounts are not a router's to carry: `create_app` mounts them
    before it includes the routers, where they have always been matched."""
    base = resources.files("claimledger.present.web")
    # Swagger UI's own files (fastapi-offline ships them); its page is ours (docs.html), as the
    # package's inline-script page would break the CSP
    swagger = resources.files("fastapi_offline") / "static"
    app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(base / "static")), name="static")


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI from the app's own files (fastapi-offline's copy): works offline, no CDN."""
    return page(request, "docs.html")
