"""journey_connected_components against networkx on random graphs, chains, stars and cliques.

Each dbt invocation checks many graphs at once: they are laid side by side as one disjoint union
with offset node ids, so a component never spans two of them.
"""

from __future__ import annotations

import itertools
import random
import re

import duckdb
import networkx as nx
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from identity_dbt import DbtProject

Edge = tuple[int | None, int | None]
ROUNDS_LOGGED = re.compile(r"converged in (\d+) large-star/small-star round")


def run_components(
    project, edges: list[Edge], nodes: list[int], max_rounds: int | None = None
) -> tuple[dict[int, int], int]:
    """Runs the macro on the given graph; returns {node_id: component_id} and the rounds."""
    completed = invoke_components(project, edges, nodes, max_rounds)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    rounds = ROUNDS_LOGGED.search(completed.stdout)
    assert rounds, completed.stdout
    with duckdb.connect(str(project.duckdb_path), read_only=True) as con:
        rows = con.execute("select node_id, component_id from main.cc_output").fetchall()
        leftovers = con.execute(
            "select table_name from information_schema.tables where contains(table_name, '__cc_')"
        ).fetchall()
    assert leftovers == [], f"work tables left behind: {leftovers}"
    assert len(rows) == len(set(nodes)), "one row per distinct node"
    return dict(rows), int(rounds.group(1))


def invoke_components(project, edges: list[Edge], nodes: list[int], max_rounds: int | None):
    edge_table = pa.table(
        {
            "from_node_id": pa.array([edge[0] for edge in edges], pa.int64()),
            "to_node_id": pa.array([edge[1] for edge in edges], pa.int64()),
        }
    )
    node_table = pa.table({"node_id": pa.array(nodes, pa.int64())})
    with duckdb.connect(str(project.duckdb_path)) as con:
        con.register("edge_arrow", edge_table)
        con.register("node_arrow", node_table)
        con.execute("create or replace table main.cc_edges as select * from edge_arrow")
        con.execute("create or replace table main.cc_nodes as select * from node_arrow")
    args = "{edges: main.cc_edges, nodes: main.cc_nodes, output: main.cc_output"
    args += "}" if max_rounds is None else f", max_rounds: {max_rounds}}}"
    return project.dbt("run-operation", "journey_connected_components_operation", "--args", args)


def expected_components(edges: list[Edge], nodes: list[int]) -> dict[int, int]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    expected: dict[int, int] = {}
    for component in nx.connected_components(graph):
        smallest = min(component)
        expected.update(dict.fromkeys(component, smallest))
    return expected


def disjoint_union(graphs: list[tuple[list[int], list[Edge]]], base: int = 0):
    """Shifts each graph's node ids past the previous graph's so none share a node."""
    nodes: list[int] = []
    edges: list[Edge] = []
    offset = base
    for graph_nodes, graph_edges in graphs:
        nodes += [offset + node for node in graph_nodes]
        edges += [(offset + a, offset + b) for a, b in graph_edges]
        offset += max(graph_nodes, default=0) + 1
    return nodes, edges


@st.composite
def small_graphs(draw: st.DrawFn) -> tuple[list[int], list[Edge]]:
    size = draw(st.integers(min_value=1, max_value=40))
    labels = draw(st.permutations(range(size)))
    pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
    edges = draw(st.lists(pairs, max_size=2 * size))
    return list(labels), [(labels[a], labels[b]) for a, b in edges]


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """One warehouse for the module: repeated invocations reuse dbt's partial parse."""
    return DbtProject.create(tmp_path_factory.mktemp("components"))


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    graphs=st.lists(small_graphs(), min_size=10, max_size=40),
    base=st.sampled_from([0, 1, 10**12]),
)
def test_random_graphs_match_networkx(shared_project, graphs, base: int) -> None:
    nodes, edges = disjoint_union(graphs, base)
    components, rounds = run_components(shared_project, edges, nodes)
    assert components == expected_components(edges, nodes)
    assert rounds <= 12


def test_long_chains_converge_in_logarithmic_rounds(shared_project) -> None:
    size = 20_000
    ordered = list(range(size))
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    nodes, edges = disjoint_union(
        [
            (ordered, list(itertools.pairwise(ordered))),
            (ordered, list(itertools.pairwise(shuffled))),
        ]
    )
    components, rounds = run_components(shared_project, edges, nodes)
    assert components == expected_components(edges, nodes)
    assert set(components.values()) == {0, size}
    assert rounds <= 30, f"{rounds} rounds on a {size}-node chain"


def test_stars_cliques_isolated_nodes_and_noise(shared_project) -> None:
    centre_low = (list(range(50)), [(0, leaf) for leaf in range(1, 50)])
    centre_high = (list(range(50)), [(49, leaf) for leaf in range(49)])
    clique = (list(range(25)), [(a, b) for a in range(25) for b in range(25) if a != b])
    isolated = (list(range(10)), [])
    # Self-loops, duplicates and both directions of the same edge change nothing.
    noisy = (list(range(6)), [(3, 3), (1, 2), (2, 1), (1, 2), (4, 5), (5, 5)])
    nodes, edges = disjoint_union([centre_low, centre_high, clique, isolated, noisy], base=5)
    components, _ = run_components(shared_project, edges, nodes)
    assert components == expected_components(edges, nodes)
    # base 5 + two 50-node stars + a 25-node clique: the isolated nodes are 130..139.
    assert all(components[node] == node for node in range(130, 140)), "isolated nodes"


def test_no_edges_and_edges_with_a_null_end(shared_project) -> None:
    components, rounds = run_components(shared_project, [], [3, 1, 2, 2])
    assert components == {1: 1, 2: 2, 3: 3}
    assert rounds == 1
    edges = [(1, None), (None, 2), (None, None), (3, 2)]
    components, _ = run_components(shared_project, edges, [1, 2, 3])
    assert components == {1: 1, 2: 2, 3: 2}


def test_round_bound_fails_loudly(shared_project) -> None:
    chain = list(range(1_000))
    edges = list(itertools.pairwise(chain))
    completed = invoke_components(shared_project, edges, chain, max_rounds=1)
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0
    assert "no fixpoint" in output and "after 1 rounds" in output
    with duckdb.connect(str(shared_project.duckdb_path), read_only=True) as con:
        leftovers = con.execute(
            "select table_name from information_schema.tables where contains(table_name, '__cc_')"
        ).fetchall()
    assert leftovers == [], "work tables are dropped on failure too"


def test_operation_rejects_bad_relation_names(shared_project) -> None:
    completed = shared_project.dbt(
        "run-operation", "journey_connected_components_operation", "--args",
        "{edges: a.b.c.d, nodes: main.cc_nodes, output: main.cc_output}",
    )  # fmt: skip
    assert completed.returncode != 0
    assert "Not a relation name: 'a.b.c.d'" in completed.stdout + completed.stderr
