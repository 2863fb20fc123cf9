"""The entity rules' cheap document and word gates (speed22) only spare work that cannot find anything: each gate is
implied by the test it guards, so what the rules find with the gate is what they found without it."""

from importlib import import_module

from overheard.annotate.rules.entities import frames
from overheard.annotate.rules.entities.slots import slot_lists
from overheard.annotate.rules.patterns import _callsign_patterns, find_callsign_intros
from overheard.annotate.rules.words import Words

# the package exports a function of the same name
speech_slots = import_module("overheard.annotate.rules.entities.speech_slots")


def test_every_frame_cue_word_passes_the_frames_gate():
    lists = frames._lists()
    for name in ("after_first", "calling", "ack", "verbs", "moves", "telling", "groups", "objects", "leads", "names",
                 "asking"):
        assert lists[name] <= frames._cue_words(), name
    for words in (frames._SELF, frames._THIS, frames._SPEAKS, frames._GIVE, frames._TO, frames._ABOUT, frames._WITH,
                  frames._YOU, frames._CALLED, frames._ME, {"у", "в", "для"}):
        assert words <= frames._cue_words()


def test_the_slots_verbs_of_telling_or_asking_are_both_lists():
    lists = slot_lists()
    assert lists["telling_or_asking"] == lists["telling"] | lists["asking"]


def test_the_on_air_and_radio_call_sign_patterns_need_a_capital_letter():
    _intro, on_air, radio = _callsign_patterns()
    for text in ("Гром, я Кедр, приём", "Сокол, на связи"):
        assert on_air.search(text) or radio.search(text)
        assert not on_air.search(text.lower()) and not radio.search(text.lower())
    # the introduced call sign is still found in lower case
    assert [m.normal for m in find_callsign_intros("позывной гром")] == ["Гром"]


def test_speech_slot_gates_hold_where_the_slots_do():
    words = Words("алло прием коль я тебе звоню а сам сармат работает")
    gates = speech_slots._Gates(words)
    assert gates.line_start == 2  # past "алло", "прием"
    assert gates.may_be_named(2)  # "коль": a name form
    assert not gates.may_be_named(4)
    assert gates.may_act(0) and not gates.may_act(len(words) - 1)
