"""Distances for visit verification: within 500 m of the customer counts as verified."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_M = 6_371_000
VERIFIED_RADIUS_M = 500


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    """Great-circle (haversine) distance in whole metres."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_M * asin(min(1.0, sqrt(h))))


def is_verified(distance: int | None) -> bool:
    """A visit is verified when the rep was within the radius of the customer."""
    return distance is not None and distance <= VERIFIED_RADIUS_M


def valid_coordinates(lat: float, lon: float) -> bool:
    """Latitude and longitude inside their ranges."""
    return -90 <= lat <= 90 and -180 <= lon <= 180
