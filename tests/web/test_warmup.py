"""The server loads views, catalogues and templates before it forks its workers (jixiao.web.warmup)."""

from __future__ import annotations

import sys

from django.template import engines
from django.urls import reverse

from jixiao.web.warmup import warm_up


def test_warm_up_compiles_jixiaos_templates_without_the_database() -> None:
    # No database mark: a query here would fail (the server's process has no connection to fork).
    compiled = warm_up()
    assert {"base.html", "projects/detail.html", "projects/list.html", "projects/overview.html"} <= set(compiled)
    assert not [name for name in compiled if name.startswith("admin/")]
    loader = engines["django"].engine.template_loaders[0]
    assert "projects/detail.html" in loader.get_template_cache  # kept by the cached loader, compiled once
    assert "jixiao.web.projects.views" in sys.modules and "jixiao.web.selfeval.views" in sys.modules
    assert reverse("projects:detail", args=[1]) == "/projects/1/"
