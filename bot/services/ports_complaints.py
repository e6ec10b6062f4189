"""What the complaints services need from storage."""

from __future__ import annotations

from typing import Protocol


class ComplaintRepository(Protocol):
    pass
