"""Sales stages, their probability ranges and default probabilities (销售阶段与成交概率)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.enums import Stage


@dataclass(frozen=True)
class StageRule:
    stage: Stage
    low: int  # percent, inclusive
    high: int  # percent, inclusive
    default: int  # percent
    order: int  # position in the funnel, 0 = top


STAGE_RULES: dict[Stage, StageRule] = {
    Stage.LEAD: StageRule(Stage.LEAD, 10, 30, 20, 0),
    Stage.QUALIFIED: StageRule(Stage.QUALIFIED, 30, 50, 40, 1),
    Stage.PROPOSAL: StageRule(Stage.PROPOSAL, 50, 80, 65, 2),
    Stage.NEGOTIATION: StageRule(Stage.NEGOTIATION, 80, 95, 85, 3),
    Stage.WON: StageRule(Stage.WON, 100, 100, 100, 4),
    Stage.LOST: StageRule(Stage.LOST, 0, 0, 0, 5),
}

OPEN_STAGES = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION)


class ProbabilityOutOfRange(ValueError):
    """A probability outside the range its stage allows."""

    def __init__(self, stage: Stage, probability: int) -> None:
        rule = STAGE_RULES[stage]
        super().__init__(f"{probability}% is outside {rule.low}-{rule.high}% for {stage.value}")
        self.stage, self.probability, self.low, self.high = stage, probability, rule.low, rule.high


def default_probability(stage: Stage) -> int:
    """The probability a deal gets when it enters `stage`."""
    return STAGE_RULES[stage].default


def check_probability(stage: Stage, probability: int | None) -> int:
    """Return the probability to store: the default when None, else one inside the stage's range."""
    if probability is None:
        return default_probability(stage)
    rule = STAGE_RULES[stage]
    if not rule.low <= probability <= rule.high:
        raise ProbabilityOutOfRange(stage, probability)
    return probability


def is_open(stage: Stage) -> bool:
    """True while the deal is still in the funnel."""
    return stage in OPEN_STAGES
