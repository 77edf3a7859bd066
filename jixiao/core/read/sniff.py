"""Telling formats apart by their content, and refusing containers that are unsafe to open.

XLSX and DOCX are zip packages told apart by their main part (``xl/workbook.xml``,
``word/document.xml``), whatever the file is called; macro-enabled packages (.xlsm, .docm) are the
same packages with a ``vbaProject.bin`` that is never run nor read. Before a package is opened, its
central directory is checked: a zip bomb declares far more uncompressed bytes than the file holds,
and Python's zipfile never inflates a member past its declared size, so checking the directory
bounds what opening can cost. Legacy binary Office files (.xls, .doc) and encrypted Office files
(an OLE2 container holding ``EncryptedPackage``) are recognised only to be refused clearly.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from jixiao.core.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"

# Limits on a package's declared contents. A real workbook of 100,000 indicator rows inflates to
# well under 200 MB and compresses at most about 30:1 (XML is repetitive); a bomb is far beyond both.
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_MEMBER_RATIO = 200
RATIO_CHECK_FROM = 4 * 1024 * 1024  # small members may compress extremely well and cost nothing
MAX_MEMBERS = 20_000


@dataclass(frozen=True, slots=True)
class Package:
    """What a zip package's directory says: its member names and its kind (xlsx, docx or None)."""

    names: frozenset[str]
    kind: str | None
    macros: bool


def _directory(data: bytes) -> list[zipfile.ZipInfo] | None:
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def package(data: bytes) -> Package | None:
    """The package's kind from its directory, or None when the bytes are not a zip at all."""
    members = _directory(data)
    if members is None:
        return None
    names = frozenset(m.filename for m in members)
    kind = "xlsx" if "xl/workbook.xml" in names else "docx" if "word/document.xml" in names else None
    macros = any(n.endswith("vbaProject.bin") for n in names)
    return Package(names=names, kind=kind, macros=macros)


def is_xlsx(data: bytes) -> bool:
    found = package(data) if data.startswith(ZIP_MAGIC) else None
    return found is not None and found.kind == "xlsx"


def is_docx(data: bytes) -> bool:
    found = package(data) if data.startswith(ZIP_MAGIC) else None
    return found is not None and found.kind == "docx"


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def is_pdf(data: bytes) -> bool:
    # The header may follow a few bytes of junk (mail gateways add some); viewers accept 1 KB of it.
    return PDF_MAGIC in data[:1024]


def is_ole2(data: bytes) -> bool:
    return data.startswith(OLE2_MAGIC)


def is_html(data: bytes) -> bool:
    """An HTML page, or a fragment that holds a real table (a "|" table between stray <table> tags is
    text: it has no cells)."""
    head = data[:65536]
    if b"<" not in head:  # most text: no tag at all, and no copy made to lower-case it
        return False
    head = head.lower()
    if b"<html" in head or b"<!doctype html" in head:
        return True
    return b"<table" in head and (b"<td" in head or b"<th" in head)


def check_package(data: bytes, name: str, what: str) -> None:
    """Refuse a package that is not a zip, or whose directory declares a zip bomb."""
    members = _directory(data)
    if not members:
        raise InputError(f"{what} 文件已损坏（不是有效的 zip 包）", f"corrupt {what} file (not a valid zip package)",
                         path=name)
    if len(members) > MAX_MEMBERS:
        raise _bomb(name, f"{len(members)} 个成员", f"{len(members)} members")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        mb = total // 2**20
        raise _bomb(name, f"解压后共 {mb} MB", f"{mb} MB uncompressed")
    for m in members:
        if m.file_size > RATIO_CHECK_FROM and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise _bomb(name, f"成员 {m.filename} 压缩比 {ratio}:1", f"member {m.filename} compressed {ratio}:1")


def _bomb(name: str, zh: str, en: str) -> InputError:
    return InputError(f"拒绝打开：疑似压缩炸弹（{zh}，超出限制）",
                      f"refused: looks like a zip bomb ({en}, over the limit)", path=name)


def refuse_ole2(data: bytes, name: str) -> InputError:
    """The error for a legacy or encrypted Office file (both are OLE2 compound files)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return InputError("文件已加密（有打开密码），请先去除密码再读取",
                          "the file is encrypted (password-protected); remove the password first", path=name)
    return InputError("不支持旧版 Office 二进制格式（.xls/.doc），请另存为 .xlsx 或 .docx",
                      "legacy binary Office format (.xls/.doc) is not supported; save it as .xlsx or .docx",
                      path=name)
