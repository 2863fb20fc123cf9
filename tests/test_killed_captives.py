"""Prisoners and a verb of killing beside them. The authors annotate a prisoner stabbed to death as killed only, like
one shot or beaten to death (context_cues.yaml, prisoner_killed); a prisoner beaten "до полусмерти" is alive and
stays a captive (context_cues.yaml, beaten_alive). Before, a knife was no verb of killing and "забил" killed a
prisoner beaten half to death."""

from __future__ import annotations

import pytest

from overheard.annotate.analysis import analyze_text


def found(text: str) -> list[tuple]:
    return [(c["category"], c["count"], c["side"]) for c in analyze_text(text)["casualties"]]


@pytest.mark.parametrize("text", ["Пленного хохла Чёрт зарезал, прямо в окопе.",
                                  "Полоненого кацапа хлопці зарізали вночі."])
def test_a_prisoner_stabbed_to_death_is_killed(text):
    assert found(text) == [("killed", 1, "enemy")]


@pytest.mark.parametrize("text", ["Ихнего пленного Лом прикладом до полусмерти забил, а ротный только ржал.",
                                  "Полоненого до напівсмерті забили, ледве живий."])
def test_a_prisoner_beaten_half_to_death_is_still_a_captive(text):
    assert [c["category"] for c in analyze_text(text)["casualties"]] == ["captured"]


def test_a_prisoner_beaten_to_death_is_still_killed():
    assert found("Пленного хохла прикладом забил, не дышит.") == [("killed", 1, "enemy")]


def test_prisoners_kept_alive_stay_captured():
    assert [c["category"] for c in analyze_text("Двое пленных у нас в подвале сидят.")["casualties"]] == ["captured"]
