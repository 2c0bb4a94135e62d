"""Gazetteer and geocoder: place names of the Arabic-speaking world resolved in context.

    >>> from rasd.geo import default_geocoder
    >>> [m.place.name for m in default_geocoder().find("قصف قاعدة عين الأسد غرب العراق")]
    ['Ain al-Asad Air Base', 'Iraq']
"""

from __future__ import annotations

from functools import lru_cache

from rasd.geo.gazetteer import Entry, Gazetteer, km
from rasd.geo.geocode import Geocoder

__all__ = ["Entry", "Gazetteer", "Geocoder", "default_geocoder", "km"]


@lru_cache(maxsize=1)
def default_geocoder() -> Geocoder:
    """The geocoder over the packaged gazetteer (loaded on first call, then shared)."""
    return Geocoder(Gazetteer())
