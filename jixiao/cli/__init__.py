"""`jixiao …` — the command line. Each sub-command lives in its own module of this package and
registers itself with ``register(subparsers)``; ``main`` turns bad input into one line and exit 2."""

from __future__ import annotations

import argparse
import importlib
import sys

from jixiao.core.errors import InputError

# The sub-command modules, in the order `jixiao --help` lists them.
COMMANDS = ["parse", "check", "score", "importer", "demo", "serve", "manage", "export"]


class CommandError(Exception):
    """A usage problem found by a command itself (exit 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="jixiao (绩效): performance targets of public project spending — 财政项目支出绩效目标",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"jixiao.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (InputError, CommandError) as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("jixiao: interrupted / 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
