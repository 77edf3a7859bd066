from __future__ import annotations

from django.urls import path

from jixiao.web.selfeval import views

app_name = "selfeval"
urlpatterns = [
    path("selfeval/", views.evaluation_list, name="list"),
    path("projects/<int:pk>/selfeval/", views.project_selfeval, name="project"),
    path("selfeval/<int:pk>/", views.detail, name="detail"),
    path("selfeval/<int:pk>/edit/", views.edit, name="edit"),
    path("selfeval/<int:pk>/score/", views.live_score, name="score"),
    path("selfeval/<int:pk>/upload/", views.upload, name="upload"),
    path("selfeval/<int:pk>/export/<str:fmt>/", views.export, name="export"),
    path("selfeval/<int:pk>/<str:action>/", views.act, name="act"),
    path("settings/scoring/", views.scoring_settings, name="settings"),
]
