"""Service layer: plain functions that take simple values and a unit of work."""
