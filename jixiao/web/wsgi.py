"""WSGI entry point (gunicorn jixiao.web.wsgi): the application, warmed up before it serves."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
application = get_wsgi_application()

from jixiao.web.warmup import warm_up  # noqa: E402 - needs the settings configured above

warm_up()
