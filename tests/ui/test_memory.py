"""Memory habits: one malloc arena for every thread; a finished load gives back its leftovers."""

import linecache
import sys

import pytest

from timeline_app.ui.memory import release_after_load, tune_allocator


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_the_allocator_is_tuned_on_linux() -> None:
    assert tune_allocator()
    assert tune_allocator()  # once is enough; asking again is harmless


def test_a_finished_load_drops_cached_source_lines() -> None:
    linecache.getline(__file__, 1)
    assert __file__ in linecache.cache
    release_after_load()
    assert __file__ not in linecache.cache
