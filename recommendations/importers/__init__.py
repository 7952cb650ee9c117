"""Readers for recommendation files. They parse and validate only; services.recommendation_import writes."""

from __future__ import annotations

from recommendations.importers.base import ImportRow, ImportRowError, RowSource, open_rows
from recommendations.importers.encoding import decode_bytes

__all__ = ["ImportRow", "ImportRowError", "RowSource", "decode_bytes", "open_rows"]
