"""Word clusters from natasha's navec vectors (``annotate/word_clusters.py``): words used alike share a cluster,
so a model can read a word it never saw by the company it keeps. Real navec, the shipped centroids."""

from __future__ import annotations

import subprocess
import sys

import pytest

from overheard.annotate.word_clusters import (
    CLUSTERS_PATH,
    EMBEDDING_NAME,
    WordClusters,
    embedding,
    shipped_clusters,
    shipped_word_table,
    word_cluster,
)


def test_the_package_ships_the_centroids_as_a_small_data_file_with_how_they_were_made():
    clusters = shipped_clusters()
    assert clusters is not None and CLUSTERS_PATH.stat().st_size < 2_000_000
    assert clusters.meta["source"] == EMBEDDING_NAME and clusters.meta["script"] == "scripts/build_word_clusters.py"
    assert clusters.fine.shape == (clusters.meta["fine"], embedding().pq.dim)
    assert set(clusters.coarse.tolist()) <= set(range(clusters.meta["coarse"]))


@pytest.mark.parametrize(
    ("word", "alike"),
    [
        ("Валерий", "Вячеслав"),  # male first names
        ("кузнецов", "лебедев"),  # surnames
        ("Петрова", "Смирнова"),  # women's surnames
        ("сокол", "витязь"),  # names of things that are also call signs
        ("ёж", "доберман"),  # animals
    ],
)
def test_words_used_alike_share_a_cluster(word, alike):
    assert word_cluster(word) is not None and word_cluster(word) == word_cluster(alike)


@pytest.mark.parametrize(("word", "other"), [("Валерий", "трактор"), ("кузнецов", "машина"), ("сокол", "сказал")])
def test_a_name_and_an_ordinary_word_fall_apart(word, other):
    assert word_cluster(word)[0] != word_cluster(other)[0]


def test_case_and_yo_do_not_change_the_cluster_and_an_unknown_word_has_none():
    assert word_cluster("Сергей") == word_cluster("сергей") == word_cluster("СЕРГЕЙ")
    assert word_cluster("Фёдор") == word_cluster("федор")
    assert word_cluster("ыщщзхъ") is None


def test_a_ukrainian_word_navec_lacks_is_read_with_russian_letters():
    assert word_cluster("Ліля") == word_cluster("лиля") is not None
    assert word_cluster("пам'ять") == word_cluster("память")


def test_a_vector_goes_to_its_nearest_centroid():
    clusters = shipped_clusters()
    navec = embedding()
    fine, coarse = clusters.nearest(clusters.fine[7])
    assert (fine, coarse) == (7, int(clusters.coarse[7]))
    assert word_cluster("сокол") == clusters.nearest(navec["сокол"])
    assert isinstance(WordClusters.load(CLUSTERS_PATH).meta["words"], int)


def test_the_shipped_word_table_gives_what_navec_and_the_centroids_give_for_every_sampled_word():
    clusters = shipped_clusters()
    navec = embedding()
    table = shipped_word_table()
    assert len(table) == len(navec.vocab.words)
    for index in range(0, len(navec.vocab.words), 97):
        word = navec.vocab.words[index]
        assert table[word] == clusters.nearest(navec.pq[index].astype("float32"))[0], word


def test_nothing_is_loaded_at_import():
    code = ("import overheard.annotate.word_clusters as m; "
            "assert m.embedding.cache_info().currsize == 0 and m.shipped_clusters.cache_info().currsize == 0 "
            "and m.shipped_word_table.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_lookup_reads_the_table_and_never_loads_navec():
    code = ("import overheard.annotate.word_clusters as m; "
            "assert m.word_cluster('сокол') is not None and m.word_cluster('ыщщзхъ') is None; "
            "assert m.embedding.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)
