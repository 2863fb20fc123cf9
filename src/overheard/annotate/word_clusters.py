"""Word clusters: which words are used alike, from the word vectors natasha already ships (navec).

A word's cluster generalises beyond the words a model was trained on: first names, surnames and call-sign nouns
it never saw fall in the clusters of those it did (a Brown-cluster-style feature). The clusters are spherical
k-means centroids of navec's Russian news vectors (``lexicons/word_clusters.npz``, written once by
``scripts/build_word_clusters.py``): a word's cluster is the fine centroid nearest its vector, and each fine
cluster belongs to one coarse cluster. navec's vocabulary is lower-case Russian; a word it does not know has no
cluster (a caller may try the word's lemma); a Ukrainian word navec lacks is looked up with its Ukrainian letters read
as Russian ones ("Ліля" as "лиля", "Вікторії" as "виктории").

The data file also holds every navec word's fine cluster, computed once by the build script, so a lookup reads a
small table (about 50 MiB in memory, 0.5 s to load) instead of the embedding itself (about 170 MiB, 1.3 s): the
annotators that use clusters never load navec unless the NER second opinion runs, which shares the embedding.
Nothing is read at import: the table loads on the first lookup, and each word's cluster is looked up once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CLUSTERS_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "word_clusters.npz"
EMBEDDING_NAME = "navec_news_v1_1B_250K_300d_100q"
_UKRAINIAN = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "", "’": "", "ʼ": ""})


@lru_cache(maxsize=1)
def embedding():
    """natasha's news embedding (a ``navec.Navec``: 250,000 lower-case words, 300 dimensions), loaded once per
    process from the installed natasha package; the NER tagger shares it."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


@dataclass(frozen=True)
class WordClusters:
    """Unit fine centroids (one row per cluster), the coarse cluster of each, and how they were made."""

    fine: np.ndarray
    coarse: np.ndarray
    meta: dict

    @classmethod
    def load(cls, path: Path = CLUSTERS_PATH) -> WordClusters:
        """The clusters of a file written by ``scripts/build_word_clusters.py``."""
        with np.load(path) as data:
            return cls(data["fine"].astype(np.float32), data["coarse"].astype(np.int64), json.loads(str(data["meta"])))

    def fine_of_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """The fine cluster of each row of ``vectors``, by the same arithmetic as :meth:`nearest` (one product per
        row, so that a table built from it gives exactly what a lookup of one vector gives)."""
        return np.array([int(np.argmax(self.fine @ v)) for v in vectors], dtype=np.uint16)

    def nearest(self, vector: np.ndarray) -> tuple[int, int]:
        """(fine, coarse) cluster of a word vector: the fine centroid of highest cosine, and its coarse cluster."""
        fine = int(np.argmax(self.fine @ vector))
        return fine, int(self.coarse[fine])


@lru_cache(maxsize=1)
def shipped_clusters() -> WordClusters | None:
    """The clusters the package ships (None when the data file is absent)."""
    return WordClusters.load() if CLUSTERS_PATH.exists() else None


def load_word_table(path: Path = CLUSTERS_PATH) -> dict[str, int]:
    """Every navec word and its fine cluster, as the build script wrote them into the clusters file."""
    with np.load(path) as data:
        if "words" not in data.files:
            raise ValueError(f"{path.name} has no word table: rebuild it with scripts/build_word_clusters.py")
        words = bytes(data["words"]).decode("utf-8").split("\n")
        return dict(zip(words, data["word_fine"].tolist(), strict=True))


@lru_cache(maxsize=1)
def shipped_word_table() -> dict[str, int]:
    """The shipped word table (empty when no clusters are shipped), loaded once per process."""
    return load_word_table() if CLUSTERS_PATH.exists() else {}


@lru_cache(maxsize=200_000)
def word_cluster(word: str) -> tuple[int, int] | None:
    """(fine, coarse) cluster of ``word`` (any case; "ё" read as "е" and Ukrainian letters as Russian ones when
    navec lacks the form), or None when navec does not know the word or no clusters are shipped."""
    clusters = shipped_clusters()
    if clusters is None:
        return None
    table = shipped_word_table()
    low = word.lower()
    for form in dict.fromkeys((low, low.replace("ё", "е"), low.translate(_UKRAINIAN))):
        fine = table.get(form)
        if fine is not None:
            return fine, int(clusters.coarse[fine])
    return None
