"""Rule sets as data: enabling, disabling and re-grading rules per framework; extensions register like built-ins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from jixiao.core.errors import InputError
from jixiao.core.review import Hit, RuleOverride, RuleSet, all_rules, review, rule
from jixiao.core.review import citations as cite
from jixiao.core.review.config import Options, from_data, to_data
from jixiao.core.review.context import Context
from jixiao.core.review.registry import unregister
from tests.core.review_helpers import CLEAN, replacing

PLACEHOLDER = replacing(CLEAN, "受益企业数", name="数量1")
KNOWN = {r.code for r in all_rules()}


def severities(project: object, ruleset: RuleSet) -> dict[str, str]:
    return {f.rule: f.severity for f in review(project, ruleset)}  # type: ignore[arg-type]


def test_a_rule_can_be_disabled_everywhere() -> None:
    ruleset = RuleSet(rules={"R-COMPLETE-PLACEHOLDER-NAME": RuleOverride(enabled=False)})
    assert "R-COMPLETE-PLACEHOLDER-NAME" not in severities(PLACEHOLDER, ruleset)


def test_a_rule_can_be_regraded_for_one_framework_only() -> None:
    ruleset = RuleSet(frameworks={"shanghai-2020": {"R-COMPLETE-PLACEHOLDER-NAME": RuleOverride(severity="info")}})
    assert severities(PLACEHOLDER, ruleset)["R-COMPLETE-PLACEHOLDER-NAME"] == "info"
    national = replace(PLACEHOLDER, framework="national-2015")
    assert severities(national, ruleset)["R-COMPLETE-PLACEHOLDER-NAME"] == "error"


def test_a_framework_can_enable_what_is_disabled_elsewhere() -> None:
    ruleset = RuleSet(rules={"R-COMPLETE-PLACEHOLDER-NAME": RuleOverride(enabled=False)},
                      frameworks={"shanghai-2020": {"R-COMPLETE-PLACEHOLDER-NAME": RuleOverride(enabled=True)}})
    assert "R-COMPLETE-PLACEHOLDER-NAME" in severities(PLACEHOLDER, ruleset)


def test_options_change_what_a_rule_sees() -> None:
    project = replace(CLEAN, government_procurement=False, performance_type="其他类",
                      indicators=tuple(i for i in CLEAN.indicators if i.name != "服务对象满意度"))
    assert "R-COMPLETE-SATISFACTION-MISSING" not in severities(project, RuleSet())
    ruleset = RuleSet(options=Options(public_service_types=("其他类",)))
    assert "R-COMPLETE-SATISFACTION-MISSING" in severities(project, ruleset)


def test_json_round_trip_keeps_only_what_differs() -> None:
    data = {"rules": {"R-RELEVANT-DUPLICATE": {"enabled": False}},
            "frameworks": {"national-2015": {"R-COMPLETE-VALUE-MISSING": {"severity": "warning"}}},
            "options": {"vague_standard_words": ["达标"], "near_duplicates": False}}
    ruleset = from_data(json.loads(json.dumps(data)), KNOWN)
    assert ruleset.options.vague_standard_words == ("达标",)
    assert ruleset.options.near_duplicates is False
    assert to_data(ruleset) == data
    assert to_data(RuleSet()) == {"rules": {}, "frameworks": {}, "options": {}}


@pytest.mark.parametrize("data", [
    [],
    {"rulez": {}},
    {"rules": {"R-NOPE": {"enabled": False}}},
    {"rules": {"R-RELEVANT-DUPLICATE": {"severity": "fatal"}}},
    {"rules": {"R-RELEVANT-DUPLICATE": {"enabled": "no"}}},
    {"frameworks": {"shanghai-2020": {"R-RELEVANT-DUPLICATE": {"colour": "red"}}}},
    {"options": {"no_such_option": 1}},
    {"options": {"vague_standard_words": "达标"}},
    {"options": {"near_duplicates": "yes"}},
])
def test_bad_configuration_is_an_input_error(data: object) -> None:
    with pytest.raises(InputError):
        from_data(data, KNOWN)


def test_an_extension_registers_exactly_like_a_built_in() -> None:
    @rule("R-TEST-NAME-TOO-LONG", severity="info", dimension="completeness", title="名称过长",
          title_en="Name too long", source=cite.PLACEHOLDER, hint="缩短名称", hint_en="Shorten it")
    def too_long(ctx: Context) -> Iterator[Hit]:
        for view in ctx.indicators:
            if len(view.name) > 6:
                yield view.hit(f"{view.where()}名称过长", f"{view.where_en()}: name too long")

    try:
        found = [f for f in review(CLEAN) if f.rule == "R-TEST-NAME-TOO-LONG"]
        assert [f.line for f in found] == [21, 23, 25, 27, 28]
        assert all(f.severity == "info" for f in found)
        disabled = RuleSet(rules={"R-TEST-NAME-TOO-LONG": RuleOverride(enabled=False)})
        assert not [f for f in review(CLEAN, disabled) if f.rule == "R-TEST-NAME-TOO-LONG"]
    finally:
        unregister("R-TEST-NAME-TOO-LONG")
    assert "R-TEST-NAME-TOO-LONG" not in {r.code for r in all_rules()}


def test_registering_a_code_twice_is_refused() -> None:
    existing = next(r for r in all_rules() if r.code == "R-RELEVANT-DUPLICATE")
    with pytest.raises(ValueError, match="already registered"):
        rule("R-RELEVANT-DUPLICATE", severity="info", dimension="relevance", title="x", title_en="x",
             source=existing.source, hint="x", hint_en="x")(lambda ctx: iter(()))


def test_an_administrator_can_require_every_narrative_field() -> None:
    project = replace(CLEAN, necessity=None)
    assert "R-COMPLETE-NARRATIVE-MISSING" not in severities(project, RuleSet())
    six = ["overview", "basis", "necessity", "safeguards", "implementation_plan", "goals"]
    ruleset = from_data({"options": {"required_narrative": {"shanghai-2020": six, "*": ["goals"]}}}, KNOWN)
    found = [f for f in review(project, ruleset) if f.rule == "R-COMPLETE-NARRATIVE-MISSING"]
    assert [f.field for f in found] == ["necessity"]
