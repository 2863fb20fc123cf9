"""Write src/overheard/lexicons/word_clusters.npz: clusters of natasha's navec word vectors, so that a model can
give a word it never saw the cluster of the words used like it (a Brown-cluster-style feature).

Source: navec_news_v1_1B_250K_300d_100q (natasha's news embedding, 250,000 lower-case words of Russian news; MIT),
as the installed natasha package ships it in data/emb. Spherical k-means (cosine) over the vectors of every word
with a Cyrillic letter, numpy only, seeded: the same navec file gives the same clusters. The fine centroids are
written (float16) with, for each, its coarse cluster: the fine centroids themselves grouped by k-means again.
Then every navec word's fine cluster is written beside them (the words as one UTF-8 text, one per line, and a uint16
per word), so that a lookup needs neither navec nor the arithmetic. ``--table-only`` keeps the shipped centroids and
rewrites only that table.

    python scripts/build_word_clusters.py [--fine 512] [--coarse 64] [--iterations 30] [--seed 17] [--table-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CYRILLIC = re.compile("[а-яёіїєґ]")
CHUNK = 16_384


def unit(x: np.ndarray) -> np.ndarray:
    """Rows of ``x`` scaled to length 1 (a zero row stays zero)."""
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norm, 1e-9)


def nearest(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """The index of the centroid of highest cosine for each (unit) vector, computed in chunks."""
    out = np.empty(len(vectors), dtype=np.int64)
    for s in range(0, len(vectors), CHUNK):
        out[s : s + CHUNK] = np.argmax(vectors[s : s + CHUNK] @ centroids.T, axis=1)
    return out


def spherical_kmeans(vectors: np.ndarray, k: int, iterations: int, rng: np.random.Generator,
                     weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unit centroids and assignments of spherical k-means over unit ``vectors`` (seeded by ``rng``; an empty
    cluster takes the vector farthest from its own centroid)."""
    w = np.ones(len(vectors)) if weights is None else weights
    centroids = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.full(len(vectors), -1)
    for it in range(iterations):
        new = nearest(vectors, centroids)
        moved = int(np.sum(new != labels))
        labels = new
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, vectors * w[:, None])
        empty = np.flatnonzero(np.linalg.norm(sums, axis=1) == 0)
        if len(empty):
            fit = np.einsum("ij,ij->i", vectors, centroids[labels])
            sums[empty] = vectors[np.argsort(fit)[: len(empty)]]
        centroids = unit(sums)
        print(f"  k={k} iteration {it + 1}: {moved} moved", file=sys.stderr, flush=True)
        if moved == 0:
            break
    return centroids, labels


def word_table(navec, clusters) -> tuple[np.ndarray, np.ndarray]:
    """Every navec word (one UTF-8 text, a word per line, as uint8) and its fine cluster (uint16)."""
    words = list(navec.vocab.words)
    if any("\n" in w for w in words):
        raise ValueError("a navec word holds a line break")
    fine = np.empty(len(words), dtype=np.uint16)
    for s in range(0, len(words), CHUNK):
        rows = np.stack([navec.pq[i].astype(np.float32) for i in range(s, min(s + CHUNK, len(words)))])
        fine[s : s + len(rows)] = clusters.fine_of_vectors(rows)
        print(f"  word table: {s + len(rows)}/{len(words)}", file=sys.stderr, flush=True)
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8), fine


def write(out: Path, fine: np.ndarray, coarse: np.ndarray, meta: dict, words: np.ndarray, word_fine: np.ndarray):
    """Write the clusters file: float16 centroids, their coarse clusters, how they were made, the word table."""
    with out.open("wb") as f:
        np.savez_compressed(f, fine=fine.astype(np.float16), coarse=coarse.astype(np.int16),
                            meta=np.array(json.dumps(meta)), words=words, word_fine=word_fine)


def main() -> None:
    """Cluster navec's Cyrillic words and write the centroids and the word table."""
    from overheard.annotate.word_clusters import CLUSTERS_PATH, EMBEDDING_NAME, WordClusters, embedding

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fine", type=int, default=512)
    parser.add_argument("--coarse", type=int, default=64)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    parser.add_argument("--table-only", action="store_true", help="keep the centroids in --out, rewrite the table")
    args = parser.parse_args()
    started = time.time()
    navec = embedding()
    if args.table_only:
        clusters = WordClusters.load(args.out)
        words, word_fine = word_table(navec, clusters)
        write(args.out, clusters.fine, clusters.coarse, clusters.meta, words, word_fine)
        print(f"{args.out}: word table of {len(word_fine)} words in {time.time() - started:.0f} s")
        return
    ids = [i for i, w in enumerate(navec.vocab.words) if CYRILLIC.search(w)]
    vectors = unit(navec.pq.unpack()[ids].astype(np.float32))
    rng = np.random.default_rng(args.seed)
    fine, labels = spherical_kmeans(vectors, args.fine, args.iterations, rng)
    sizes = np.bincount(labels, minlength=args.fine).astype(np.float64)
    _, coarse = spherical_kmeans(fine, args.coarse, args.iterations, rng, weights=sizes)
    meta = {"source": EMBEDDING_NAME, "words": len(ids), "fine": args.fine, "coarse": args.coarse,
            "iterations": args.iterations, "seed": args.seed, "script": "scripts/build_word_clusters.py"}
    clusters = WordClusters(fine.astype(np.float16).astype(np.float32), coarse.astype(np.int64), meta)
    words, word_fine = word_table(navec, clusters)
    write(args.out, fine, coarse, meta, words, word_fine)
    print(f"{args.out}: {args.fine} fine clusters in {args.coarse} coarse over {len(ids)} words "
          f"(largest {int(sizes.max())}, smallest {int(sizes.min())}) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
