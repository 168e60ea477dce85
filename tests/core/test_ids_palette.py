"""Identifiers and category colours."""

from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.palette import CATEGORY_COLORS, next_color


def test_slugify_is_readable_ascii() -> None:
    assert slugify("Trump’s 25% tariff — Iran") == "trumps-25-tariff-iran"
    assert slugify("!!!") == "item"


def test_unique_id_counts_up() -> None:
    assert unique_id("a", {"a", "a-2"}) == "a-3"
    assert unique_id("b", {"a"}) == "b"


def test_next_color_skips_used_colours() -> None:
    assert next_color([]) == CATEGORY_COLORS[0]
    assert next_color([CATEGORY_COLORS[0].lower()]) == CATEGORY_COLORS[1]
    assert next_color(CATEGORY_COLORS) in CATEGORY_COLORS
