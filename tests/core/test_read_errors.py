"""Input that is not a target table: one clear message naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.core.errors import InputError
from jixiao.core.read import read_bytes, read_path


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"   \n\n\t \r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)), "binary"),
    ("这是一封普通的信，没有任何表格。\n祝好。\n".encode(), "no target table"),
    (b"\xb2\xe2\xca\xd4\xff\xff\x81", "undecodable"),
])
def test_bad_documents_raise_input_error(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, "input.txt")
    assert words in str(caught.value) and "input.txt" in str(caught.value)
    assert caught.value.message and caught.value.message_en  # Chinese and English


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


def test_damaged_document_still_yields_what_could_be_read() -> None:
    text = "项目名称：\t半份表格\n一级目标\t二级目标\t三级目标\t指标目标值\n\t产出目标\t数量\t培训人数\n乱码行 ### \t\t\t\t\t\t extra\n"
    document = read_bytes(text.encode(), "half.txt")
    assert document.projects[0].name == "半份表格"
    assert document.projects[0].indicators[0].name == "培训人数"
    assert any(d.code == "value-missing" for d in document.projects[0].diagnostics)


def test_a_weight_that_is_not_a_number_is_reported_not_dropped() -> None:
    text = "项目名称：\t权重\n一级指标\t二级指标\t三级指标\t指标值\t分值\n产出指标\t数量指标\t培训人数\t≥100人\t约十分\n"
    project = read_bytes(text.encode(), "weights.txt").projects[0]
    assert project.indicators[0].weight is None
    found = [d for d in project.diagnostics if d.code == "unreadable-value"]
    assert found and found[0].line == 3 and found[0].text == "约十分"
