"""The candidate columns' shared encoding: code vocabularies and the dense per-candidate arrays.

The index writes these and scoring reads them; both import this module and neither imports the other
for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode

LEVELS: tuple[Seniority, ...] = tuple(Seniority)  # code = position; -1 unknown
MODES: tuple[WorkMode, ...] = (WorkMode.ONSITE, WorkMode.HYBRID, WorkMode.REMOTE)
METRICS: tuple[ScaleMetric, ...] = tuple(ScaleMetric)
SCALE_NONE = -9.0  # log10 of "no claim": far below any real target, so fit clips to 0
UNKNOWN = -1
RTW_OTHER_BIT = 63  # right-to-work countries whose code does not fit in the mask


@dataclass(slots=True)
class Codes:
    """Append-only vocabularies: string values of the index as small ints, stable across saves."""

    skills: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # words of CV texts (lexical.py)
    _lookup: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lookup = {name: {v: i for i, v in enumerate(getattr(self, name))} for name in self.names()}

    @staticmethod
    def names() -> tuple[str, ...]:
        return ("skills", "cities", "countries", "currencies", "terms")

    def code(self, vocabulary: str, value: str, add: bool = True) -> int:
        """The code of `value`; new values are appended when `add`, else UNKNOWN."""
        if not value:
            return UNKNOWN
        table = self._lookup[vocabulary]
        found = table.get(value)
        if found is None:
            if not add:
                return UNKNOWN
            values: list[str] = getattr(self, vocabulary)
            found = table[value] = len(values)
            values.append(value)
        return found

    def as_json(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in self.names()}

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[str]]) -> Codes:
        return cls(**{name: list(data.get(name, [])) for name in cls.names()})


@dataclass(frozen=True, slots=True)
class Columns:
    """The dense per-candidate columns of one segment, or of a few of its rows (same functions apply)."""

    level: np.ndarray  # int8
    total_years: np.ndarray  # float32
    scale: np.ndarray  # float32 (len(METRICS), n), log10: one contiguous row per metric
    city: np.ndarray  # int32
    country: np.ndarray  # int32
    mode: np.ndarray  # int8
    relocate: np.ndarray  # int8
    rtw: np.ndarray  # uint64 bitmask
    salary: np.ndarray  # float32, 0 unknown
    currency: np.ndarray  # int16
    notice: np.ndarray  # int16 weeks, -1 unknown

    DTYPES = {
        "level": np.int8,
        "total_years": np.float32,
        "scale": np.float32,
        "city": np.int32,
        "country": np.int32,
        "mode": np.int8,
        "relocate": np.int8,
        "rtw": np.uint64,
        "salary": np.float32,
        "currency": np.int16,
        "notice": np.int16,
    }

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        return cls(
            **{
                name: np.concatenate([getattr(p, name) for p in parts], axis=1 if name == "scale" else 0)
                for name in cls.DTYPES
            }
        )

    def take(self, rows: np.ndarray) -> Columns:
        return Columns(
            **{
                name: getattr(self, name)[:, rows] if name == "scale" else getattr(self, name)[rows]
                for name in self.DTYPES
            }
        )

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in self.DTYPES}

    def __len__(self) -> int:
        return len(self.level)
