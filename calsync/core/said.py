"""A sentence calsync says to the user, kept as its English shape and its fields.

The core explains itself in English ("10:00 is free"); `plan --json` hands that text to scripts.
Kept as a shape with fields, the same sentence can be said in the user's language by the view
(`calsync.plan_words`), field by field: a field may be a sentence of its own.

>>> str(said("{when} is free", when=said("{time} on {day}", time="10:00", day="2026-12-14")))
'10:00 on 2026-12-14 is free'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Said:
    """An English shape ("{when} is free", a catalog message) and the values of its fields."""

    shape: str
    fields: tuple[tuple[str, str | Said], ...] = ()

    def __str__(self) -> str:
        if not self.fields:
            return self.shape
        return self.shape.format(**{name: str(value) for name, value in self.fields})


def said(shape: str, /, **fields: str | Said) -> Said:
    """The sentence `shape` with its fields (`pybabel extract -k said` finds the shapes)."""
    return Said(shape, tuple(fields.items()))
