"""`jixiao manage apitoken USERNAME [--name NAME]`: a new API token for a user, printed once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.accounts.services import create_token


class Command(BaseCommand):
    help = "Create an API token for a user (Authorization: Bearer <token>); the token is shown only once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']} / no user {options['username']!r}")
        _, key = create_token(user, options["name"])
        self.stdout.write(key)
