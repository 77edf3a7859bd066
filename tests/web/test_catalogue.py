"""The English catalogues: every string the sources mark is in them, translated and not fuzzy, and the
committed .mo is compiled from the .po."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from jixiao.core import workflow as wf

WEB = Path(__file__).parents[2] / "jixiao" / "web"
LOCALE = WEB / "locale" / "en" / "LC_MESSAGES"
# Where makemessages puts each app's strings: the review app has its own catalogue, the rest share one.
CATALOGUES = ("locale", "review/locale")
ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', re.M)
GETTEXT = ("xgettext", "msguniq", "msgmerge", "msgattrib")


def _entries(po: Path = LOCALE / "django.po") -> list[dict[str, str]]:
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields = {k: "".join(ast.literal_eval(s) for s in re.findall(r'".*"', v)) for k, v in ENTRY.findall(block + "\n")}
        if fields.get("msgid"):
            fields["fuzzy"] = "fuzzy" if re.search(r"^#,.*\bfuzzy\b", block, re.M) else ""
            found.append(fields)
    return found


def _key(entry: dict[str, str]) -> tuple[str, str]:
    return entry.get("msgctxt", ""), entry["msgid"]


def _unfinished(entries: list[dict[str, str]]) -> list[str]:
    return [e["msgid"] for e in entries if e["fuzzy"] or not (e.get("msgstr") or e.get("msgstr[0]"))]


@pytest.mark.skipif(not all(shutil.which(tool) for tool in GETTEXT), reason="makemessages needs GNU gettext")
def test_catalogues_hold_every_marked_string(tmp_path, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """makemessages over a copy of the sources changes nothing: no string marked in a template or module
    is missing (it would come back untranslated), none is fuzzy, none is left over."""
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "var", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]  # the copy's, or makemessages would write into the sources
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], no_obsolete=True, no_location=True, verbosity=0)
    for where in CATALOGUES:
        fresh = _entries(copy / where / "en" / "LC_MESSAGES" / "django.po")
        committed = _entries(WEB / where / "en" / "LC_MESSAGES" / "django.po")
        assert _unfinished(fresh) == [], f"{where}: translate these in django.po, then compilemessages"
        assert {_key(e) for e in fresh} == {_key(e) for e in committed}, f"{where}: run makemessages"


@pytest.mark.parametrize("models", ["jixiao.web.review.models", "jixiao.web.selfeval.models"])
def test_workflow_labels_are_marked(models: str) -> None:
    """The state and action labels come from the core; the models name them so makemessages keeps them."""
    import importlib

    core = {zh for zh, _ in (*wf.STATE_LABELS.values(), *wf.ACTION_LABELS.values())}
    assert set(importlib.import_module(models).WORKFLOW_WORDS) == core


@pytest.mark.parametrize("where", CATALOGUES)
def test_every_string_is_translated(where: str) -> None:
    assert _unfinished(_entries(WEB / where / "en" / "LC_MESSAGES" / "django.po")) == []


@pytest.mark.parametrize("where", CATALOGUES)
def test_mo_is_compiled_from_po(where: str) -> None:
    folder = WEB / where / "en" / "LC_MESSAGES"
    with folder.joinpath("django.mo").open("rb") as f:
        mo = gettext.GNUTranslations(f)
    for e in _entries(folder / "django.po"):
        if "msgid_plural" in e:
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr[1]"], "run msgfmt (see README)"
        elif "msgctxt" in e:
            assert mo.pgettext(e["msgctxt"], e["msgid"]) == e["msgstr"], f"{e['msgid']!r}: run msgfmt (see README)"
        else:
            assert mo.gettext(e["msgid"]) == e["msgstr"], f"{e['msgid']!r}: run msgfmt (see README)"
