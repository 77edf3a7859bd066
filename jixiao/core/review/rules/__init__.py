"""The built-in review rules. Each module registers its rules on import, as an extension would;
this order is the order `jixiao check` lists them in (facts first, repairs last)."""

from __future__ import annotations

import importlib

MODULES = ("facts", "branches", "names", "targets", "placement", "money", "repairs")

for _name in MODULES:
    importlib.import_module(f"{__name__}.{_name}")
