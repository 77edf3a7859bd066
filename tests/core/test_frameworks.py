"""Indicator frameworks are data: their branches, categories, detection and mappings."""

from __future__ import annotations

import pytest

from jixiao.core import frameworks
from jixiao.core.frameworks import label_key, split_points


def test_builtins_are_registered() -> None:
    codes = {fw.code for fw in frameworks.all_frameworks()}
    assert {"shanghai-2020", "national-2015", "national-2021"} <= codes
    with pytest.raises(KeyError, match="unknown framework"):
        frameworks.get("nowhere-1999")


@pytest.mark.parametrize(("labels", "code"), [
    (["投入与管理", "产出目标", "效果目标", "影响力目标"], "shanghai-2020"),
    (["产出指标(50分)", "效益指标（30分）", "满意度指标"], "national-2015"),
    (["产出指标", "成本指标", "效益指标", "满意度指标"], "national-2021"),
])
def test_detect(labels: list[str], code: str) -> None:
    found = frameworks.detect(labels)
    assert found is not None and found.code == code


def test_detect_nothing_known() -> None:
    assert frameworks.detect(["决策", "过程"]) is None


def test_points_in_labels() -> None:
    assert split_points("产出指标(50分)") == ("产出指标", "50")
    assert split_points("效益指标（30分）") == ("效益指标", "30")
    assert split_points("数量指标 20分") == ("数量指标", "20")
    assert split_points("满意度指标") == ("满意度指标", None)
    assert label_key("产出指标（50分）") == label_key("产出目标") == "产出"


def test_categories_and_mappings() -> None:
    sh = frameworks.get("shanghai-2020")
    assert sh.category("效果目标", "满意度") == "satisfaction"
    assert sh.category("效果目标", "社会效益") == "outcome"
    assert sh.category("投入与管理", "财务管理") == "management"
    assert sh.map_to("national-2015", "效果目标", "满意度") == ("满意度指标", "服务对象满意度指标")
    assert sh.map_to("national-2015", "影响力目标", "长效管理") == ("效益指标", "可持续影响指标")
    n21 = frameworks.get("national-2021")
    assert n21.map_to("national-2015", "成本指标", "经济成本指标") == ("产出指标", "成本指标")
    assert n21.map_to("national-2015", "产出指标", "数量指标") == ("产出指标", "数量指标")


def test_register_an_extension_exactly_as_builtins() -> None:
    fw = frameworks.from_data({"code": "test-ext", "name": "测试", "name_en": "test", "source": "tests",
                               "branches": [{"level1": "决策", "category": "management", "level2": ["项目立项"]}]})
    frameworks.register(fw)
    try:
        assert frameworks.get("test-ext").find_level2("项目立项") == ("决策", "项目立项")
        assert frameworks.detect(["决策"]) is fw
        # the reader knows the new branches at once: a 二级 in the 一级 column is moved back
        from jixiao.core.read import read_bytes

        text = "项目名称：\t扩展\n一级指标\t二级指标\t三级指标\t指标值\n决策\t项目立项\t立项依据充分性\t充分\n项目立项\t\t绩效目标合理性\t合理\n"
        row = read_bytes(text.encode(), "ext.txt").projects[0].indicators[1]
        assert (row.level1, row.level2) == ("决策", "项目立项")
    finally:
        frameworks.unregister("test-ext")
    assert frameworks.detect(["决策"]) is None
