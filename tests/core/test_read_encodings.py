"""The same document in every encoding it is published in reads to the same projects."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jixiao.core.canonical import project_to_dict
from jixiao.core.errors import InputError
from jixiao.core.read import read_bytes

SEED = Path(__file__).parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"
TEXT = SEED.read_text(encoding="utf-8")


def projects_of(data: bytes) -> list[dict]:
    return [project_to_dict(p) for p in read_bytes(data, "seed").projects]


REFERENCE = projects_of(TEXT.encode("utf-8"))

VARIANTS = {
    "utf-8 with BOM": (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    "gb18030": (TEXT.encode("gb18030"), "gb18030"),
    "utf-16 LE with BOM": (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    "utf-16 BE with BOM": (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    "utf-8, CRLF": (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    "gb18030, CRLF": (TEXT.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    "utf-16 with BOM, CRLF": (TEXT.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
    "utf-8, CR only": (TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_identical_projects_in_every_encoding(name: str) -> None:
    data, encoding = VARIANTS[name]
    document = read_bytes(data, "seed")
    assert document.source.encoding == encoding
    assert [project_to_dict(p) for p in document.projects] == REFERENCE


def test_gbk_text_reads_as_gb18030() -> None:
    # GBK is a subset of GB18030: a GBK file (most Chinese Windows exports) reads the same.
    small = "项目名称：\t测试项目\n一级目标\t二级目标\t三级目标\t指标目标值\n产出目标\t数量\t培训人数\t>=100人\n"
    assert projects_of(small.encode("gbk")) == projects_of(small.encode("utf-8"))


def test_undecodable_bytes_name_the_offset() -> None:
    data = TEXT.encode("utf-8")[:200] + b"\xff\xfe\xfd\x80" + TEXT.encode("utf-8")[200:400]
    with pytest.raises(InputError) as caught:
        read_bytes(data, "broken.txt")
    assert "broken.txt" in str(caught.value) and "offset" in str(caught.value)
