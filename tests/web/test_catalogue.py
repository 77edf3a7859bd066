"""The English catalogue: every string translated, and the committed .mo compiled from the .po."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).parents[2] / "jixiao" / "web" / "locale" / "en" / "LC_MESSAGES"
ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', re.M)


def _entries() -> list[dict[str, str]]:
    found = []
    for block in LOCALE.joinpath("django.po").read_text(encoding="utf-8").split("\n\n"):
        fields = {k: "".join(ast.literal_eval(s) for s in re.findall(r'".*"', v)) for k, v in ENTRY.findall(block + "\n")}
        if fields.get("msgid"):
            found.append(fields)
    return found


def test_every_string_is_translated() -> None:
    untranslated = [e["msgid"] for e in _entries() if not (e.get("msgstr") or e.get("msgstr[0]"))]
    assert untranslated == []


def test_mo_is_compiled_from_po() -> None:
    with LOCALE.joinpath("django.mo").open("rb") as f:
        mo = gettext.GNUTranslations(f)
    for e in _entries():
        if "msgid_plural" in e:
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr[1]"], "run msgfmt (see README)"
        else:
            assert mo.gettext(e["msgid"]) == e["msgstr"], f"{e['msgid']!r}: run msgfmt (see README)"
