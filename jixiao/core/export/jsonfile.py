"""The canonical JSON (``jixiao/targets@1``), exactly as ``jixiao parse --format json`` prints it.

It is one JSON object, so it is built in memory; for very large exports the CSV and the data
package stream instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from jixiao.core import canonical
from jixiao.core.export.registry import Exporter, Item, iter_documents, register


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    stream.write(canonical.dumps(list(iter_documents(items))).encode("utf-8"))
    stream.write(b"\n")


register(Exporter(
    name="json", extension=".json", media_type="application/json", write=write,
    title="规范 JSON（jixiao/targets@1）", title_en="canonical JSON (jixiao/targets@1)",
    keeps_documents=True,
))
