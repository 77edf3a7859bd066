from __future__ import annotations

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jixiao.web.projects"
    label = "projects"
    verbose_name = "项目绩效目标"
