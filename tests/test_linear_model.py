"""The one base of the learned second opinions (annotate/rules/linear.py): the mention filter, the count model and
the name model are each a :class:`LinearModel` with its own features and decision; the base holds the weights and
bias, the JSON data file, its loader, the module switch and the fitting routine their trainers share."""

from __future__ import annotations

import json
import types

import pytest

from overheard.annotate.rules.casualties import count_model, mention_model
from overheard.annotate.rules.entities import learned
from overheard.annotate.rules.linear import LinearModel, switched_off

SHIPPED = [
    (mention_model.MentionModel, mention_model.MODEL_PATH, ("threshold",)),
    (count_model.CountModel, count_model.MODEL_PATH, ("margin",)),
    (learned.TokenModel, learned.MODEL_PATH, ("threshold", "ruled_threshold")),
]


@pytest.mark.parametrize(("cls", "path", "settings"), SHIPPED, ids=lambda x: getattr(x, "__name__", None))
def test_each_shipped_model_reads_and_writes_its_data_file_byte_for_byte(cls, path, settings):
    model = cls.load(path)
    assert isinstance(model, LinearModel) and cls.SETTINGS == settings
    text = path.read_text(encoding="utf-8")
    assert model.to_json() + "\n" == text  # the file format the trainers write, unchanged
    assert list(json.loads(text)) == ["meta", *settings, "bias", "weights"]
    assert model.version == model.meta["version"] != ""


def test_a_missing_data_file_gives_no_model(tmp_path):
    assert mention_model.MentionModel.load(tmp_path / "absent.json") is None


def test_the_json_keeps_meta_settings_bias_and_rounded_sorted_weights():
    model = learned.TokenModel({"b": 0.123456, "a": -2.0}, 0.98765, 0.3, {"version": "t1"})
    raw = json.loads(model.to_json())
    assert raw == {"meta": {"version": "t1"}, "threshold": 0.3, "ruled_threshold": None, "bias": 0.9877,
                   "weights": {"a": -2.0, "b": 0.1235}}
    assert list(raw["weights"]) == ["a", "b"]
    again = learned.TokenModel({"a": -2.0, "b": 0.1235}, 0.9877, 0.3, {"version": "t1"})
    assert learned.TokenModel.from_json(model.to_json()) == again


def test_a_setting_the_file_lacks_takes_its_default():
    model = learned.TokenModel.from_json(json.dumps({"bias": 0.5, "weights": {"x": 1}}))
    assert (model.threshold, model.ruled_threshold, model.meta, model.version) == (0.5, None, {}, "")
    assert model.weights == {"x": 1} and model.bias == 0.5
    assert count_model.CountModel.from_json(json.dumps({"margin": 0.2, "bias": 0, "weights": {}})).margin == 0.2


def test_the_casualty_models_count_each_distinct_feature_once():
    model = mention_model.MentionModel({"a": 1.0, "b": -1.0}, 0.0)
    assert model.probability(["a", "a", "unknown"]) == model.probability(["a"]) == pytest.approx(0.7310586)
    assert model.probability([]) == 0.5


def test_fitting_is_deterministic_drops_small_weights_and_takes_the_settings():
    examples = [(["good", "x"], 1), (["good"], 1), (["bad", "x"], 0), (["bad"], 0), (["rare"], 1)]
    fit = count_model.CountModel.fit
    model = fit(examples, epochs=200, min_count=2, meta={"version": "t2"}, margin=0.7)
    assert model == fit(examples, epochs=200, min_count=2, meta={"version": "t2"}, margin=0.7)
    assert model.margin == 0.7 and model.version == "t2"
    assert "rare" not in model.weights  # seen once, below min_count
    assert model.weights["good"] > 0 > model.weights["bad"]
    kept = fit(examples, epochs=200, min_count=2, keep=abs(model.weights["x"]) + 1e-9)
    assert "x" not in kept.weights and set(kept.weights) == {"good", "bad"}


def test_the_module_switch_is_off_within_the_block_and_restored_after_an_error():
    module = types.SimpleNamespace(ENABLED=True)
    with pytest.raises(RuntimeError), switched_off(module):
        assert module.ENABLED is False
        raise RuntimeError
    assert module.ENABLED is True
    for switch in (mention_model, count_model):
        with switch.disabled():
            assert switch.ENABLED is False
        assert switch.ENABLED is True
