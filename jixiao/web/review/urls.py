from __future__ import annotations

from django.urls import path

from jixiao.web.review import views

app_name = "review"
urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/returned/", views.returned, name="returned"),
    path("review/summary/", views.summary, name="summary"),
    path("review/rules/", views.rule_settings, name="rules"),
    path("projects/<int:pk>/review/", views.review_page, name="page"),
    path("projects/<int:pk>/review/submit/", views.submit, name="submit"),
    path("projects/<int:pk>/review/decide/", views.decide, name="decide"),
    path("projects/<int:pk>/review/adjust/", views.adjust, name="adjust"),
    path("projects/<int:pk>/review/comment/", views.comment, name="comment"),
    path("projects/<int:pk>/review/live/", views.live_findings, name="live"),
    path("projects/<int:pk>/review/diff/", views.compare, name="diff"),
]
