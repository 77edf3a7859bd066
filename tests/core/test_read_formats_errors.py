"""Bad published files: each refused with one clear message in Chinese and English (InputError), and
exit code 2 from `jixiao parse`; macro-enabled files read without their macros; memory stays bounded."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from openpyxl import Workbook

from jixiao.cli import main
from jixiao.core.errors import InputError
from jixiao.core.read import read_bytes, sniff

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def refused(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_bytes(data, name)
    error = caught.value
    assert error.message and error.message_en and name in str(error)
    return error


def exits_2(tmp_path: Path, data: bytes, name: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    return capsys.readouterr().err


def simple_pdf(encrypt: bool = False, image: bool = False) -> bytes:
    pdf = FPDF()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    if image:
        png = io.BytesIO()
        # a 1×1 grey PNG: a "scan" with no text layer
        png.write(bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55"
                                "0000000a49444154789c63680000008200816d4b6a6d0000000049454e44ae426082"))
        pdf.image(io.BytesIO(png.getvalue()), x=10, y=10, w=180)
    else:
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, "Hello")
    return bytes(pdf.output())


def test_encrypted_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = simple_pdf(encrypt=True)
    assert "encrypted" in str(refused(data, "locked.pdf"))
    assert "加密" in exits_2(tmp_path, data, "locked.pdf", capsys)


def test_scanned_pdf_without_text_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = simple_pdf(image=True)
    error = refused(data, "scan.pdf")
    assert "no text layer" in str(error) and "OCR is not supported" in str(error)
    assert "OCR" in exits_2(tmp_path, data, "scan.pdf", capsys)


@pytest.mark.parametrize(("name", "source"), [("broken.xlsx", "export-seed.xlsx"), ("broken.docx", "export-seed.docx"),
                                              ("broken.pdf", "export-seed-1.pdf")])
def test_truncated_files_are_corrupt(name: str, source: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = (FORMATS / source).read_bytes()
    cut = data[: len(data) // 2]
    assert "corrupt" in str(refused(cut, name))
    assert "损坏" in exits_2(tmp_path, cut, name, capsys)


def test_a_damaged_part_inside_a_good_zip_is_corrupt() -> None:
    original = (FORMATS / "export-seed.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet2"):
                content = content[: len(content) // 3]  # XML cut off in the middle
            dst.writestr(info, content)
    assert "corrupt" in str(refused(out.getvalue(), "cut.xlsx"))


def bomb(member: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr(member, b"\0" * size)
    return out.getvalue()


def test_zip_bomb_is_refused_before_opening(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bomb("xl/worksheets/sheet1.xml", 64 * 1024 * 1024)  # 64 MB of zeros in about 64 KB
    assert len(data) < 200_000
    assert "zip bomb" in str(refused(data, "bomb.xlsx"))
    assert "压缩炸弹" in exits_2(tmp_path, data, "bomb.xlsx", capsys)


def test_total_uncompressed_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "MAX_UNCOMPRESSED", 1024 * 1024)
    data = bomb("xl/sharedStrings.xml", 2 * 1024 * 1024)
    monkeypatch.setattr(sniff, "MAX_MEMBER_RATIO", 10**9)
    assert "MB uncompressed" in str(refused(data, "big.xlsx"))


def macro_enabled(source: str, main_type: str, macro_type: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO((FORMATS / source).read_bytes())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(main_type.encode(), macro_type.encode())
            dst.writestr(info, content)
        folder = "xl" if source.endswith("xlsx") else "word"
        dst.writestr(f"{folder}/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name = \"Module1\"")
    return out.getvalue()


def test_macro_enabled_workbook_and_document_read_without_macros() -> None:
    xlsm = macro_enabled("export-seed.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                         "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    docm = macro_enabled("export-seed.docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                         "application/vnd.ms-word.document.macroEnabled.main+xml")
    for data, name in ((xlsm, "macros.xlsm"), (docm, "macros.docm")):
        assert sniff.package(data) is not None and sniff.package(data).macros  # type: ignore[union-attr]
        document = read_bytes(data, name)
        assert len(document.projects) == 8 and len(document.projects[4].indicators) == 26


@pytest.mark.parametrize(("data", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "legacy binary Office"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512, "encrypted"),
])
def test_legacy_and_encrypted_office_files(data: bytes, words: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert words in str(refused(data, "old.xls"))
    exits_2(tmp_path, data, "old.xls", capsys)


def test_a_zip_that_is_no_office_file() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "zip archive" in str(refused(out.getvalue(), "files.zip"))


def test_a_document_without_any_target_table() -> None:
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    out = io.BytesIO()
    wb.save(out)
    assert "no target table found in the XLSX" in str(refused(out.getvalue(), "contacts.xlsx"))


def test_a_large_workbook_reads_in_bounded_memory() -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("大表")
    ws.append(["项目名称", "大项目"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    rows = 5_000
    for n in range(rows):
        ws.append(["产出指标" if n % 50 == 0 else None, "数量指标" if n % 10 == 0 else None, f"指标{n}", f"≥{n}个"])
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    tracemalloc.start()
    document = read_bytes(data, "large.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(document.projects[0].indicators) == rows
    # the reader holds the sheet's cells and rows, never the workbook's cell objects or its XML tree
    assert peak < 100 * 1024 * 1024
