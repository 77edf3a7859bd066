from __future__ import annotations

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jixiao.web.review"
    label = "review"
    verbose_name = "绩效目标审核"

    def ready(self) -> None:
        # The projects app asks its registered locks before any change; review adds its own here so
        # that projects never imports review (review builds on projects, not the other way round).
        from jixiao.web.projects import locks
        from jixiao.web.review.services import review_lock

        locks.register(review_lock)
