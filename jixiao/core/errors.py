"""Errors that mean "the input is wrong", as opposed to bugs: every layer shows them as a clear message."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: says what is wrong and where, in Chinese and English.

    The CLI prints it on one line and exits with code 2; the web answers it with HTTP 4xx.
    """

    def __init__(self, message: str, message_en: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.message_en = message_en
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def where(self) -> str:
        parts = [self.path or ""]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join(p for p in parts if p)

    def describe(self) -> str:
        where = self.where()
        text = f"{self.message} / {self.message_en}"
        return f"{where}: {text}" if where else text
