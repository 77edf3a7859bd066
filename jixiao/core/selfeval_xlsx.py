"""Reading a self-evaluation form (项目支出绩效自评表) from an XLSX workbook: the XLSX reader's rows given
to the one self-evaluation engine (``jixiao.core.read.selfeval``), which reads every format alike.

Kept for callers that accept only workbooks (the web app's upload of a filled-in template); anything
else should use ``jixiao.core.read.read_selfeval_bytes``, which picks the reader by content.
"""

from __future__ import annotations

from jixiao.core.errors import InputError
from jixiao.core.model import DocumentSource
from jixiao.core.read import xlsx
from jixiao.core.read.selfeval import rows_to_selfeval
from jixiao.core.read.sniff import is_xlsx
from jixiao.core.selfeval import SelfEvaluation


def read_selfeval_xlsx(data: bytes, path: str) -> list[SelfEvaluation]:
    """Every self-evaluation form in the workbook (one per sheet, as a rule)."""
    if not is_xlsx(data):
        raise InputError("不是可读的 XLSX 文件", "not a readable XLSX workbook", path=path)
    grid = xlsx.to_rows(data, DocumentSource(path=path, sha256="", format="xlsx"))
    return rows_to_selfeval(grid.rows, grid.source)
