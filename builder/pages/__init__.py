"""Render the course's generated pages as Markdown, keyed by their path under docs/ (table: ``registry.PAGES``)."""

from __future__ import annotations

from .common import PageContext
from .registry import EDITIONS, PAGES, TEACHER_ONLY, PageType, nav, page_type, page_types, render_pages

__all__ = ["EDITIONS", "PAGES", "TEACHER_ONLY", "PageContext", "PageType", "nav", "page_type", "page_types",
           "render_pages"]
