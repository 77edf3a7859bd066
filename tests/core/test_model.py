"""The model's fast constructor makes the same frozen objects as the dataclass's own."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.core.model import Indicator, SourceRef, TargetValue, plain_constructor, plain_indicator


def test_plain_indicator_is_the_same_frozen_object_as_the_constructor_makes() -> None:
    target = TargetValue(raw="≥90%", kind="numeric", op=">=", value="90", unit="%")
    made = plain_indicator("产出指标", "数量指标", "培训人数", target, SourceRef(line=12))
    expected = Indicator(level1="产出指标", level2="数量指标", name="培训人数", target=target,
                         source=SourceRef(line=12))
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert [getattr(made, f.name) for f in dataclasses.fields(Indicator)] == \
        ["产出指标", "数量指标", "培训人数", target, SourceRef(line=12), None, None, None, None, None, None]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "改名"  # type: ignore[misc]


def test_a_fast_constructor_needs_a_default_for_every_field_not_given() -> None:
    with pytest.raises(TypeError, match="Indicator"):
        plain_constructor(Indicator, ("level1", "level2", "name"))
