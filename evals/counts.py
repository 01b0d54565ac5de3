"""One metric's contribution from a turn or a scenario: numerator, denominator and findings."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Count(BaseModel):
    """A metric's contribution: numerator, denominator (ratios) and a finding per counted item (counts)."""

    num: float = 0.0
    den: float = 0.0
    findings: list[str] = Field(default_factory=list)

    def __add__(self, other: "Count") -> "Count":
        return Count(num=self.num + other.num, den=self.den + other.den, findings=self.findings + other.findings)
