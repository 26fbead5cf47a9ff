"""The reuse graph: articles as nodes, reuse pairs as edges from the original to the derived."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from newsweave.model import ReusePair


def reuse_graph(pairs: Sequence[ReusePair], article_ids: Sequence[str] = ()) -> Any:
    """Return the reuse graph as a ``networkx.DiGraph``.

    Takes the reuse pairs and, optionally, every article id (so articles that share nothing are
    nodes too); returns a directed graph with one edge per pair, from the original to the derived
    article where the direction is known (``directed=True``), else from ``a`` to ``b``
    (``directed=False``).  Each edge carries the pair's ``kind``, shares, Jaccard, containments
    and number of passages.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(article_ids)
    for pair in pairs:
        known = pair.derived is not None
        source = (pair.b if pair.derived == pair.a else pair.a) if known else pair.a
        target = pair.derived if known else pair.b
        graph.add_edge(
            source, target, directed=known, kind=pair.kind, share_of_a=pair.share_of_a,
            share_of_b=pair.share_of_b, jaccard=pair.jaccard,
            containment_of_a=pair.containment_of_a, containment_of_b=pair.containment_of_b,
            passages=len(pair.passages), evidence=pair.direction_evidence,
        )
    return graph

