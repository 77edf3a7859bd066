"""Bytes to text: the encodings target tables come in, told apart by BOM and by strict decoding.

UTF-8 (with or without BOM), GB18030 (a superset of GBK and GB2312) and UTF-16/32 with BOM all give the
same text; line ends are normalised to "\\n". Undecodable or binary input is refused with the offset.
"""

from __future__ import annotations

import codecs

from jixiao.core.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as NUL in every other byte of ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    if _bom_encoding(data) or _utf16_without_bom(data):
        return False
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """(text with "\\n" line ends, the encoding's name); InputError when it is not text."""
    found = _bom_encoding(data)
    if found:
        encoding, skip = found
        text = _strict(data[skip:], encoding.replace("-sig", ""), name, skip)
        label = "utf-8-sig" if encoding == "utf-8-sig" else encoding.replace("-le", "").replace("-be", "")
        return _normalise_lines(text), label
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _normalise_lines(_strict(data, utf16, name, 0)), utf16
    if looks_binary(data):
        raise InputError("这是二进制文件，不是文本", "binary file, not text", path=name)
    try:
        return _normalise_lines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    return _normalise_lines(_strict(data, "gb18030", name, 0)), "gb18030"


def _strict(data: bytes, encoding: str, name: str, offset: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        at = offset + exc.start
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"无法解码的字节（偏移 {at}，按 UTF-8 与 GB18030 均不能解码）",
            f"undecodable bytes at offset {at} (neither UTF-8 nor GB18030)",
            path=name, line=line,
        ) from None


def _normalise_lines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
