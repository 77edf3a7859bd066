"""The web application: Django 5.2 LTS, apps by feature (accounts, projects), the JSON API.

``setup()`` configures Django for the command line (``jixiao import``, ``jixiao demo`` …) so that the
CLI and the web share one settings module.
"""

from __future__ import annotations

import os


def setup() -> None:
    """Configure Django from ``jixiao.web.settings`` (or ``DJANGO_SETTINGS_MODULE``) once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
