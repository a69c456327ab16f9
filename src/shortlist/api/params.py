"""Path and query values shared by the endpoints, bounded so that no number reaches the database as an
overflow (PostgreSQL's bigint) and no text carries a NUL byte."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

MAX_ID = 2**62
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
