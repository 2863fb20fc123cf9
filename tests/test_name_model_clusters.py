"""The name model reads navec word clusters (name model 2026.12.4, entities v19): each word and its neighbours carry
their cluster (``annotate/word_clusters.py``), so a name no lexicon and no training text has falls among the names
the model was trained on. The model is tied to the clusters it was trained with. Wordings here are new."""

from __future__ import annotations

from overheard.annotate.components.entities import EntityAnnotator
from overheard.annotate.doc import Doc
from overheard.annotate.rules.entities.learned import shipped_model, token_features
from overheard.annotate.word_clusters import shipped_clusters, word_cluster
from overheard.jobs.redaction import redact_text
from overheard.redact import Policy, Redactor

MASK = Redactor(b"", Policy("mask", "keep"))


def test_the_model_was_trained_with_the_clusters_the_package_ships():
    model = shipped_model()
    assert model.meta["word_clusters"] == shipped_clusters().meta
    assert any(name.startswith("c=") for name in model.weights)
    assert any(name.startswith(("p_c=", "n_c=")) for name in model.weights)


def test_a_word_and_its_neighbours_carry_their_clusters_and_a_word_navec_lacks_says_so():
    text = "вчера абай звонил, а ыщщзхъ молчит"
    doc = Doc(text, "ru")
    features = token_features(doc.readable_text, doc.words, "ru", 1)
    fine, coarse = word_cluster("абай")
    assert {f"c={fine}", f"cc={coarse}", f"n_c={word_cluster('звонил')[0]}"} <= set(features)
    assert "c=none" in token_features(doc.readable_text, doc.words, "ru", 4)


def test_a_name_no_lexicon_has_is_masked_by_the_model_through_its_cluster():
    text = "абай пропал без вести под бахмутом"
    rules = EntityAnnotator(ner=False, name_model=False).annotate(Doc(text, "ru"))
    # no name list knows it: the rules alone read no name in it (leak20's narrative rule masks the subject of
    # "пропал" as an unsure call sign); the model reads a name, through its word cluster
    assert not any(f.text == "абай" and f.label == "PER" for f in rules)
    found = {f.text: f.explanation for f in EntityAnnotator(ner=False).annotate(Doc(text, "ru"))}
    assert "learned second opinion" in found.get("абай", "")
    assert "абай" not in redact_text(text, MASK, "ru").text
