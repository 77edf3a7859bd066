"""`jixiao manage …` — Django's management commands (migrate, createsuperuser, apitoken …) on jixiao's
settings; and the helper the other database commands use to start Django."""

from __future__ import annotations

import argparse

from jixiao.cli import CommandError


def django_ready(migrate: bool = False) -> None:
    """Configure Django; a settings problem is a clear one-line error, not a traceback."""
    from django.core.exceptions import ImproperlyConfigured

    from jixiao.web import setup

    try:
        setup()
    except ImproperlyConfigured as exc:
        raise CommandError(str(exc)) from None
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("manage", help="Django management commands on the jixiao database (migrate, apitoken …)",
                       description="Run a Django management command with jixiao's settings, e.g. "
                                   "`jixiao manage migrate`, `jixiao manage createsuperuser`, "
                                   "`jixiao manage apitoken USERNAME`.")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the command and its arguments")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    django_ready()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *(args.args or ["help"])])
    return 0
