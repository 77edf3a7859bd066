from __future__ import annotations

from django.apps import AppConfig


class SelfEvalConfig(AppConfig):
    name = "jixiao.web.selfeval"
    label = "selfeval"
    verbose_name = "绩效自评"
