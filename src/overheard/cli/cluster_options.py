"""The ``--cluster`` / ``--ray-address`` options shared by ``transcribe`` and ``annotate``."""

from __future__ import annotations

from typing import Annotated

import typer

from overheard.jobs.cluster import ClusterOptions, parse_cluster

ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        envvar="OVERHEARD_CLUSTER",
        help="Where the work runs: local (default), ray (Ray started here with --workers CPUs) "
        "or ray://HOST:PORT (an existing Ray cluster).",
        show_default=False,
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        help="An existing Ray cluster: auto (the one started on this machine by 'ray start') or HOST:PORT.",
        show_default=False,
    ),
]


def cluster_options(cluster: str | None, ray_address: str | None, workers: int) -> ClusterOptions:
    """Options from the command line (raises the coded ClusterError on a bad value)."""
    return parse_cluster(cluster, ray_address, workers)
