from __future__ import annotations

from django.urls import path

from jixiao.web.projects import downloads, views

app_name = "projects"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_new, name="new"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/copy/", views.project_copy, name="copy"),
    path("projects/<int:pk>/history/", views.project_history, name="history"),
    path("projects/<int:pk>/export/<str:fmt>/", downloads.project_export, name="export_project"),
    path("projects/export/", downloads.list_export, name="export"),
    path("projects/template/", downloads.department_template, name="template"),
    path("import/", views.import_upload, name="import"),
    path("check-target/", views.target_check, name="check_target"),
]
