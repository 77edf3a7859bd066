"""The canonical JSON: exactly the shape architecture.md specifies, and a lossless round trip."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core import canonical
from jixiao.core.canonical import CanonicalError
from jixiao.core.model import Budget, Document, DocumentSource, Indicator, Project, SourceRef, TargetValue
from jixiao.core.read import read_path

DATA = Path(__file__).parents[1] / "data"


def test_round_trip_of_every_test_document() -> None:
    for path in [*DATA.glob("seed/*.txt"), *DATA.glob("text/*.txt")]:
        documents = [read_path(path)]
        assert canonical.loads(canonical.dumps(documents)) == documents, path.name


def test_the_shape_of_a_project() -> None:
    project = Project(
        name="受益企业补贴", department="上海市商务委员会", year=2020, start_date=date(2020, 1, 1),
        budget=Budget(total=Decimal("120000000.00"), current_year=Decimal("1.5E+3")),
        indicators=(Indicator("产出目标", "数量", "受益企业数",
                              TargetValue(raw=">1000家", kind="numeric", op=">", value="1000", unit="家"),
                              SourceRef(line=32), weight=Decimal("10.0")),),
    )
    data = canonical.to_dict([Document(DocumentSource("x.txt", "00"), (project,))])
    assert data["schema"] == "jixiao/targets@1"
    p = data["documents"][0]["projects"][0]
    # money and numbers are decimal strings without exponent or trailing zeros; missing is null
    assert p["budget"] == {"unit": "元", "source_unit": "元", "total": "120000000", "current_year": "1500",
                           "previous_year": None, "previous_year_executed": None}
    assert p["start_date"] == "2020-01-01" and p["end_date"] is None and p["overview"] is None
    ind = p["indicators"][0]
    assert ind["target"] == {"raw": ">1000家", "kind": "numeric", "op": ">", "value": "1000", "unit": "家"}
    assert ind["weight"] == "10" and ind["source"] == {"line": 32}
    assert "" not in json.dumps(data, ensure_ascii=False).replace('""', "\x00").split("\x00")[1:]


@pytest.mark.parametrize(("data", "where"), [
    ({"schema": "other"}, "$.schema"),
    ({"schema": "jixiao/targets@1", "documents": {}}, "$.documents"),
    ({"schema": "jixiao/targets@1", "documents": [{"projects": [{"year": "2020"}]}]}, "$.documents[0].projects[0].year"),
    ({"schema": "jixiao/targets@1", "documents": [{"projects": [{"budget": {"total": "12万"}}]}]},
     "$.documents[0].projects[0].budget.total"),
    ({"schema": "jixiao/targets@1", "documents": [{"projects": [{"indicators": [{"target": {"kind": "big"}}]}]}]},
     "$.documents[0].projects[0].indicators[0].target.kind"),
    ({"schema": "jixiao/targets@1", "documents": [{"projects": [{"start_date": "2020/1/1"}]}]},
     "$.documents[0].projects[0].start_date"),
])
def test_errors_name_the_path(data: dict, where: str) -> None:
    with pytest.raises(CanonicalError, match=__import__("re").escape(where)):
        canonical.from_dict(data)


def test_not_json_names_line_and_column() -> None:
    with pytest.raises(CanonicalError, match="line 2, column"):
        canonical.loads('{\n  "schema": }')
