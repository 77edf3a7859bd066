from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from jixiao.web.api import api

urlpatterns = [
    path("", include("jixiao.web.projects.urls")),
    path("", include("jixiao.web.review.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.selfeval.urls")),
    path("accounts/", include("jixiao.web.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
