"""Fixtures for the export tests."""

from __future__ import annotations

import pytest

from tests.export.meeting_data import make_som, make_som6


@pytest.fixture
def som(desk):
    """The id of a SOM marked RESTRICTED with four filled-in items (one a whole section)."""
    return make_som(desk)


@pytest.fixture
def som6(desk):
    """The id of a six-item SOM: free-text items, a titled item, a whole section."""
    return make_som6(desk)
