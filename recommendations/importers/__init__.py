"""Readers for recommendation files. They parse and validate only; services.recommendation_import writes."""

from __future__ import annotations

from recommendations.importers.base import ImportRow, ImportRowError, parse_file
from recommendations.importers.encoding import decode_bytes

__all__ = ["ImportRow", "ImportRowError", "decode_bytes", "parse_file"]
