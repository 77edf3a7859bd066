"""What a worker's first request would otherwise load, loaded when the server starts.

Django imports the views when it first resolves a URL, and compiles a template when it first renders it.
In a fresh gunicorn worker that made the first request take about 0.65 s instead of 10 ms (the URL
configuration and every view module behind it, 0.6 s; then each template the page uses), and every
worker paid it once after each start. Loaded in the server's process before the workers are forked, it is paid once,
and the workers share those pages of memory until they write to them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

log = logging.getLogger(__name__)


def warm_up() -> list[str]:
    """Import the views, fill the URL resolver for each language, load the catalogues, and compile
    jixiao's own templates (not the admin's: few requests use them); returns the templates compiled."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view module the URLs name
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - filled per language on first use
            translation.gettext("项目")  # loads the language's catalogues
    return _compile_templates()


def _compile_templates() -> list[str]:
    compiled = []
    for engine, directory in _own_template_directories():
        for path in sorted(directory.rglob("*.html")):
            name = path.relative_to(directory).as_posix()
            try:
                engine.get_template(name)  # the cached loader keeps it
            except TemplateSyntaxError as exc:  # that page fails when asked for, not the server
                log.warning("template %s does not compile: %s", name, exc)
                continue
            compiled.append(name)
    return compiled


def _own_template_directories() -> Iterator[tuple[Any, Path]]:
    """Each Django template engine with each of its directories inside jixiao's web package."""
    for engine in engines.all():
        for loader in getattr(getattr(engine, "engine", None), "template_loaders", ()):
            for directory in map(Path, loader.get_dirs()):
                if directory.is_relative_to(settings.WEB_DIR):
                    yield engine, directory
