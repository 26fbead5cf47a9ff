"""Report stage: a Brief rendered as JSON, Markdown, HTML or a terminal view; each renderer is a pure function of the brief."""  # noqa: E501

from __future__ import annotations

from newsweave.report.html import render_html
from newsweave.report.markdown import render_markdown
from newsweave.report.terminal import render_terminal

__all__ = ["render_html", "render_markdown", "render_terminal"]
