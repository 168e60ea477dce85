"""Where the application's bundled resources live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEFAULT_CHRONOLOGY = RESOURCES / "russia-iran-protests.chronology.json"
DEFAULT_ARTICLE = RESOURCES / "russia-iran-protests-article.txt"
SCHEMA = RESOURCES / "timeline.schema.json"
