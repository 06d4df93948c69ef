{#-
    Connected components of an undirected graph with the alternating large-star / small-star
    algorithm (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC 2014). Plain
    label propagation needs as many rounds as the graph's diameter (a long chain never settles);
    this algorithm needs a logarithmic number of rounds.

    Edges are kept as (high_id, low_id) pairs with high_id > low_id. One round is a large star
    (every node links its larger neighbours to its smallest neighbour, itself included) followed
    by a small star (every node links itself and its smaller neighbours to the smallest of them).
    When a round leaves the edge set unchanged every component is a star around its smallest node.

    Arguments:
      edges_relation  relation with two bigint columns `from_node_id`, `to_node_id` (undirected;
                      self-loops, duplicates and rows with a null end are ignored)
      nodes_relation  relation with a bigint column `node_id`; every edge end should be a node
      output_relation relation written (replaced) as (node_id, component_id), one row per distinct
                      node, component_id = the smallest node_id of the node's component
      max_rounds      safety bound; reaching it raises an error (default
                      var('journey__identity_max_rounds', 100))

    Returns the number of rounds run (the last one confirms the fixpoint). Work tables are named
    after output_relation (suffixes __cc_edges_a, __cc_edges_b, __cc_large_star) and dropped at
    the end. Only portable SQL: create table as, select distinct, group by, min, union, except.
-#}
{% macro journey_connected_components(
    edges_relation,
    nodes_relation,
    output_relation,
    max_rounds=none
) -%}
    {%- if not execute -%}{{ return(0) }}{%- endif -%}
    {%- set bound = (max_rounds if max_rounds is not none
        else var('journey__identity_max_rounds', 100)) | int -%}
    {%- if bound < 1 -%}
        {{ exceptions.raise_compiler_error(
            "journey_connected_components: max_rounds must be at least 1, got " ~ bound
        ) }}
    {%- endif -%}

    {%- set work = {
        'a': journey_cc_work_relation(output_relation, '__cc_edges_a'),
        'b': journey_cc_work_relation(output_relation, '__cc_edges_b'),
        'large_star': journey_cc_work_relation(output_relation, '__cc_large_star')
    } -%}
    {%- do journey_cc_drop_work_relations(work) -%}

    {#- Each undirected edge once, oriented from the larger to the smaller node. -#}
    {% do run_query(
        "create table " ~ work.a ~ " as\n"
        ~ "select distinct\n"
        ~ "    case when from_node_id > to_node_id then from_node_id else to_node_id end"
        ~ " as high_id,\n"
        ~ "    case when from_node_id > to_node_id then to_node_id else from_node_id end"
        ~ " as low_id\n"
        ~ "from " ~ edges_relation ~ "\n"
        ~ "where from_node_id is not null\n"
        ~ "    and to_node_id is not null\n"
        ~ "    and from_node_id <> to_node_id"
    ) %}

    {%- set state = {'current': work.a, 'next': work.b, 'rounds': 0, 'converged': false} -%}
    {%- for round_number in range(1, bound + 1) -%}
        {%- do state.update({'rounds': round_number}) -%}
        {% do run_query(journey_cc_large_star_sql(state.current, work.large_star)) %}
        {% do run_query(journey_cc_small_star_sql(work.large_star, state.next)) %}
        {% do run_query("drop table " ~ work.large_star) %}
        {%- set changes = run_query(journey_cc_changes_sql(state.current, state.next)) -%}
        {%- set changed = changes.columns[0].values()[0] | int -%}
        {% do run_query("drop table " ~ state.current) %}
        {%- do state.update({'current': state.next, 'next': state.current}) -%}
        {%- if changed == 0 -%}
            {%- do state.update({'converged': true}) -%}
            {%- break -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if not state.converged -%}
        {%- do journey_cc_drop_work_relations(work) -%}
        {{ exceptions.raise_compiler_error(
            "journey_connected_components: no fixpoint for " ~ output_relation ~ " after "
            ~ bound ~ " rounds (the max_rounds bound, var journey__identity_max_rounds); the "
            ~ "edge set was still changing. Raise the bound or check the input graph."
        ) }}
    {%- endif -%}

    {#- Stars now: a node's only low neighbour is its component's smallest node; a root or an
        isolated node has none and is its own component. -#}
    {% do run_query("drop table if exists " ~ output_relation) %}
    {% do run_query(
        "create table " ~ output_relation ~ " as\n"
        ~ "select\n"
        ~ "    nodes.node_id,\n"
        ~ "    coalesce(roots.component_id, nodes.node_id) as component_id\n"
        ~ "from (select distinct node_id from " ~ nodes_relation
        ~ " where node_id is not null) as nodes\n"
        ~ "left join (\n"
        ~ "    select high_id as node_id, min(low_id) as component_id\n"
        ~ "    from " ~ state.current ~ "\n"
        ~ "    group by high_id\n"
        ~ ") as roots\n"
        ~ "    on nodes.node_id = roots.node_id"
    ) %}
    {%- do journey_cc_drop_work_relations(work) -%}

    {{ log(
        "journey_connected_components: " ~ output_relation ~ " converged in "
        ~ state.rounds ~ " large-star/small-star round(s)",
        info=true
    ) }}
    {{ return(state.rounds) }}
{%- endmacro %}


{#- A work table next to `relation`, its identifier extended by `suffix`. -#}
{% macro journey_cc_work_relation(relation, suffix) -%}
    {{ return(relation.incorporate(
        path={'identifier': relation.identifier ~ suffix},
        type='table'
    )) }}
{%- endmacro %}


{% macro journey_cc_drop_work_relations(work) -%}
    {%- for relation in work.values() -%}
        {% do run_query("drop table if exists " ~ relation) %}
    {%- endfor -%}
{%- endmacro %}


{#- Large star: for every edge (high, low), link high to the smallest neighbour of low (low
    itself when it has no smaller neighbour). -#}
{% macro journey_cc_large_star_sql(edges, target) -%}
    create table {{ target }} as
    select distinct
        edges.high_id,
        coalesce(smallest.min_low_id, edges.low_id) as low_id
    from {{ edges }} as edges
    left join (
        select
            high_id as node_id,
            min(low_id) as min_low_id
        from {{ edges }}
        group by high_id
    ) as smallest
        on edges.low_id = smallest.node_id
{%- endmacro %}


{#- Small star: every node with smaller neighbours links itself and each of them to the smallest
    one. -#}
{% macro journey_cc_small_star_sql(edges, target) -%}
    create table {{ target }} as
    with smallest as (
        select
            high_id as node_id,
            min(low_id) as min_low_id
        from {{ edges }}
        group by high_id
    )
    select
        edges.low_id as high_id,
        smallest.min_low_id as low_id
    from {{ edges }} as edges
    inner join smallest
        on edges.high_id = smallest.node_id
    where edges.low_id <> smallest.min_low_id
    union
    select
        node_id as high_id,
        min_low_id as low_id
    from smallest
{%- endmacro %}


{#- Number of edges in one set and not the other (both sets are distinct). -#}
{% macro journey_cc_changes_sql(before, after) -%}
    select sum(n_edges) as n_changed
    from (
        {%- for one, other in [(after, before), (before, after)] %}
        select count(*) as n_edges
        from (
            select high_id, low_id from {{ one }}
            except
            select high_id, low_id from {{ other }}
        ) as only_in_one_{{ loop.index }}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as differences
{%- endmacro %}
