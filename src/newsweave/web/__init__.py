"""The web server: pages and a JSON API over the pipeline and the corpus store (the ``web``
extra: FastAPI and uvicorn).  :func:`create_app` builds the application."""

from newsweave.web.app import create_app
from newsweave.web.uploads import Limits, UploadError

__all__ = ["Limits", "UploadError", "create_app"]
