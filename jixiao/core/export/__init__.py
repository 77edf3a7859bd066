"""Writers of target tables, one module per format, all found through ``registry``.

- ``jsonfile``: the canonical JSON (``jixiao/targets@1``).
- ``csvfile``: one row per indicator with its project beside it, UTF-8 with BOM for Excel/WPS.
- ``xlsx``, ``word``, ``pdf``: the official layout (财政项目支出绩效目标表), built once by ``form``.
- ``template`` (``xlsx-template``): the XLSX form plus drop-down lists and notes, to fill in and import.
- ``datapackage``: open data, a Frictionless Data Package of three linked CSV tables.

Use ``registry.get(name).write(items, stream)``; ``items`` are Documents or Projects.
"""

from __future__ import annotations

from jixiao.core.export.registry import Exporter, formats, get, iter_documents, iter_projects, register

__all__ = ["Exporter", "formats", "get", "iter_documents", "iter_projects", "register"]
