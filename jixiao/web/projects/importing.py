"""The import service: documents in, stored projects out, in one transaction.

One path for every import — `jixiao import FILE…`, the upload page, the API, the demo and the benchmark's
bulk load: new projects are written in bulk, projects already stored (same department, year and name)
are left alone when their content is the same and updated, with a revision, when it differs. A file
already imported (same SHA-256) changes nothing. Any error rolls everything back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.core import canonical
from jixiao.core import model as core
from jixiao.core.errors import InputError
from jixiao.web.accounts.models import Department
from jixiao.web.projects import access, locks, mapping, search
from jixiao.web.projects.fastinsert import bulk_writing, collector_paused, insert_rows, reserve_ids
from jixiao.web.projects.models import IMPORT, REIMPORT, Indicator, Project, Revision, SourceDocument

CHUNK = 1000
Progress = Callable[[int], object]
Key = tuple[str, int, str]


@dataclass
class ImportResult:
    name: str
    sha256: str
    already_imported: bool = False
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    diagnostics: int = 0
    document_id: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.name}: 已导入过，未作改动 / already imported, nothing changed"
        return (f"{self.name}: 新建 {len(self.created)}，更新 {len(self.updated)}，未变 {len(self.unchanged)}，"
                f"诊断 {self.diagnostics} / created {len(self.created)}, updated {len(self.updated)}, "
                f"unchanged {len(self.unchanged)}, diagnostics {self.diagnostics}")


def read_documents(name: str, data: bytes) -> list[core.Document]:
    """A canonical JSON file (e.g. an export) or any document the core readers understand."""
    if name.lower().endswith(".json") or data.lstrip()[:1] == b"{":
        try:
            return canonical.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise InputError("JSON 文件不是 UTF-8 编码", "the JSON file is not UTF-8", path=name) from None
        except canonical.CanonicalError as exc:
            raise InputError(f"不是规范的 jixiao JSON：{exc}", f"not canonical jixiao JSON: {exc}", path=name) from None
    from jixiao.core.read import read_bytes

    return [read_bytes(data, name)]


def import_file(actor: User | None, name: str, data: bytes, progress: Progress | None = None) -> ImportResult:
    """Read and store one file. ``actor`` None is the command line (the system itself)."""
    return import_files(actor, [(name, data)], progress)[0]


def import_files(actor: User | None, files: list[tuple[str, bytes]],
                 progress: Progress | None = None) -> list[ImportResult]:
    """Read every file first (any bad one stops all before a write), then store all in one transaction."""
    prepared = [_prepare(name, data, actor) for name, data in files]
    with transaction.atomic():
        return [import_projects(actor, projects, source, progress) for projects, source in prepared]


def _prepare(name: str, data: bytes, actor: User | None) -> tuple[list[core.Project], SourceDocument]:
    documents = read_documents(name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    diagnostics = [canonical.diagnostic_to_dict(d) for doc in documents for d in doc.diagnostics]
    projects = [p for doc in documents for p in doc.projects]
    if not projects:
        raise InputError("文件中没有找到任何项目绩效目标表", "no project target table found in the file", path=name)
    source = SourceDocument(name=name[-500:], sha256=sha256, size=len(data), format=documents[0].source.format,
                            encoding=documents[0].source.encoding, diagnostics=diagnostics, imported_by=actor)
    return projects, source


def import_projects(actor: User | None, projects: Iterable[core.Project], source: SourceDocument,
                    progress: Progress | None = None) -> ImportResult:
    """The bulk path: store projects read from ``source`` (saved only if something changes)."""
    if actor is not None:
        access.require_create(actor)
    result = ImportResult(name=source.name, sha256=source.sha256)
    with transaction.atomic():
        if SourceDocument.objects.filter(sha256=source.sha256).exists():
            result.already_imported = True
            return result
        seen: dict[Key, core.Project] = {}
        with bulk_writing(), search.bulk_indexing() as index, collector_paused():
            for chunk in _chunks(projects, CHUNK):
                _import_chunk(actor, chunk, source, seen, result, index)
                if progress:
                    progress(len(chunk))
        result.document_id = source.pk
    return result


def _chunks(items: Iterable[core.Project], size: int) -> Iterator[list[core.Project]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _import_chunk(actor: User | None, chunk: list[core.Project], source: SourceDocument,
                  seen: dict[Key, core.Project], result: ImportResult, index: search.BulkIndex) -> None:
    keys = [_checked_key(actor, p, source.name, seen) for p in chunk]
    departments = _departments({k[0] for k in keys})
    existing = _existing_projects(keys, departments)
    new: list[tuple[core.Project, Department]] = []
    for key, p in zip(keys, chunk, strict=True):
        result.diagnostics += len(p.diagnostics)
        obj = existing.get(key)
        if obj is None:
            new.append((p, departments[key[0]]))
        elif obj.content_sha256 == mapping.content_sha256(p):
            result.unchanged.append(obj.pk)
        else:
            _save_source(source)
            result.updated.append(_update_from_import(actor, obj, p, source))
    if new:
        _save_source(source)
        created = _create_bulk(actor, new, source, index.keys)
        index.index_range(created[0], created[-1])
        result.created.extend(created)


def _checked_key(actor: User | None, p: core.Project, name: str, seen: dict[Key, core.Project]) -> Key:
    line = p.source.line
    for attr, label in (("department", "申报单位名称 / department"), ("year", "年度 / year"),
                        ("name", "项目名称 / project name")):
        if not getattr(p, attr):
            raise InputError(f"项目缺少{label.split(' / ')[0]}，无法存储", f"a project has no {label.split(' / ')[1]}; "
                             "it cannot be stored", path=name, line=line, field=attr)
    key: Key = (str(p.department), int(p.year or 0), str(p.name))
    if key in seen:
        raise InputError(f"同一文件中项目“{p.name}”（{p.year}）出现了两次", f"project {p.name!r} ({p.year}) occurs twice "
                         "in the file", path=name, line=line, field="name")
    seen[key] = p
    if actor is not None and not access.may_edit_department(actor, key[0]):
        raise PermissionDenied(f"不能导入其他部门的项目：{key[0]} / you may not import projects of another "
                               f"department: {key[0]}")
    _check_money(p, name)
    return key


def _check_money(p: core.Project, name: str) -> None:
    for attr in ("total", "current_year", "previous_year", "previous_year_executed"):
        value = getattr(p.budget, attr)
        if value is not None and (value.as_tuple().exponent < -2 or abs(value) >= 10**17):
            raise InputError(f"金额 {value} 超出范围（最多两位小数）", f"amount {value} out of range (at most two "
                             "decimal places)", path=name, line=p.source.line, field=f"budget.{attr}")


def _departments(names: set[str]) -> dict[str, Department]:
    found = {d.name: d for d in Department.objects.filter(name__in=names)}
    for missing in names - found.keys():
        found[missing] = Department.objects.create(name=missing)
    return found


def _existing_projects(keys: list[Key], departments: dict[str, Department]) -> dict[Key, Project]:
    by_id = {d.pk: name for name, d in departments.items()}
    candidates = Project.objects.filter(department__in=departments.values(), year__in={k[1] for k in keys},
                                        name__in={k[2] for k in keys})
    wanted = set(keys)
    found: dict[Key, Project] = {}
    for obj in candidates:
        key = (by_id[obj.department_id], obj.year, obj.name)
        if key in wanted:
            found[key] = obj
    return found


def _save_source(source: SourceDocument) -> None:
    if source.pk is None:
        source.save()


REVISION_COLUMNS = ("project_id", "version", "action", "actor_id", "at", "snapshot", "source_document_id")


def _create_bulk(actor: User | None, items: list[tuple[core.Project, Department]], source: SourceDocument,
                 search_keys: Callable[[str], str] | None) -> list[int]:
    """New projects, their indicators and first revisions: one multi-row insert (COPY) per table, each
    fed by a generator, so that PostgreSQL stores and indexes the rows sent while the next are built.
    ``search_keys``: the value of the search index's own column for a search text, where there is one."""
    ids = reserve_ids(Project, len(items))
    now = timezone.now()
    actor_id = actor.pk if actor else None
    fixed = {"source_document_id": source.pk, "updated_by_id": actor_id, "version": 1, "created_at": now,
             "updated_at": now}
    dicts: list[dict[str, Any]] = []  # once per project: the content hash, then the revision's snapshot

    def project_rows() -> Iterator[dict[str, Any]]:
        for pk, (p, department) in zip(ids, items, strict=True):
            d = canonical.project_to_dict(p)
            dicts.append(d)
            yield {"id": pk, "department_id": department.pk, **mapping.project_fields(p, d), **fixed}

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        return (*row.values(), search_keys(row["search_text"])) if search_keys else tuple(row.values())

    rows = project_rows()
    first = next(rows)
    insert_rows(Project, tuple(first), map(values, chain([first], rows)),
                raw_columns=(search.KEYS_COLUMN,) if search_keys else ())
    insert_rows(Indicator, mapping.INDICATOR_COLUMNS, (values for pk, (p, department) in zip(ids, items, strict=True)
                                                       for values in mapping.indicator_values(p, pk, department.pk)))
    insert_rows(Revision, REVISION_COLUMNS, ((pk, 1, IMPORT, actor_id, now, d, source.pk)
                                             for pk, d in zip(ids, dicts, strict=True)))
    return ids


def _update_from_import(actor: User | None, obj: Project, p: core.Project, source: SourceDocument) -> int:
    """A corrected document: the project takes the new content; the old one stays in its revisions."""
    locks.require_unlocked(obj)
    mapping.set_project_fields(obj, p)
    obj.source_document, obj.updated_by, obj.version = source, actor, obj.version + 1
    obj.save()
    mapping.replace_indicators(obj, p)
    Revision.objects.create(project=obj, version=obj.version, action=REIMPORT, actor=actor,
                            snapshot=mapping.snapshot(p), source_document=source)
    return obj.pk
