from __future__ import annotations

from django.urls import path

from jixiao.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.overview, name="board"),
    path("projects/<int:pk>/monitoring/", views.project_rounds, name="project"),
    path("monitoring/<int:pk>/", views.detail, name="detail"),
    path("monitoring/<int:pk>/edit/", views.edit, name="edit"),
    path("monitoring/<int:pk>/export/<str:fmt>/", views.export, name="export"),
]
