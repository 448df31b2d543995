"""The one definition of how statuses look in every chart (app.vocab): every status once, each
colour of its own lightness (a black-and-white print tells them apart), readable text on each."""

from __future__ import annotations

from itertools import combinations

from app.vocab import STATUS_CODES, STATUS_COLOURS, STATUS_INK, STATUS_ORDER


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2), 0 black to 1 white."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def _lightness(colour: str) -> float:
    """CIE L* (0 black to 100 white): how light a colour prints in grey."""
    y = _luminance(colour)
    return 116 * (y ** (1 / 3) if y > 0.008856 else 7.787 * y + 16 / 116) - 16


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_status_once_progress_first():
    assert sorted(STATUS_ORDER) == sorted(STATUS_CODES)
    assert list(STATUS_COLOURS) == list(STATUS_ORDER) == list(STATUS_INK)
    assert STATUS_ORDER[:2] == ("achieved", "recurring")
    assert STATUS_ORDER[-1] == "not_assessed"


def test_the_colours_differ_in_lightness_not_only_in_hue():
    lightness = {code: _lightness(colour) for code, colour in STATUS_COLOURS.items()}
    for a, b in combinations(lightness, 2):
        assert abs(lightness[a] - lightness[b]) >= 12, (a, b, lightness)
    assert _lightness(STATUS_COLOURS["achieved"]) < 40  # the darkest: progress stands out


def test_the_values_written_on_each_colour_can_be_read():
    for code, colour in STATUS_COLOURS.items():
        assert _contrast(colour, STATUS_INK[code]) >= 4.5, code  # WCAG AA for small text
