"""The cursor jixiao's PostgreSQL connections use: values sent apart from the statement (server-side
binding), so that psycopg can prepare a query the pages run again and again (see ``settings``).

PostgreSQL's protocol carries at most 65,535 values with one statement, and the ORM writes one per item
of an ``__in`` list: the import looks its projects up by name, all of them at once. A statement with more
values than that is sent as Django sends every statement by default, with its values written into the
text (quoted by psycopg's client-side binding); it is not prepared, and it need not be."""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql.base import ServerBindingCursor
from psycopg import ClientCursor

# The protocol's limit: the number of parameters is a 16-bit field of the Bind message.
MAX_BOUND_VALUES = 65_535


class BindingCursor(ServerBindingCursor):
    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        if params is not None and len(params) > MAX_BOUND_VALUES:
            query, params = ClientCursor(self.connection).mogrify(query, params), None
        return super().execute(query, params, **kwargs)
