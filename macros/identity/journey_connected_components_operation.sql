{#-
    `dbt run-operation journey_connected_components_operation --args
    '{edges: main.my_edges, nodes: main.my_nodes, output: main.my_components}'`
    runs journey_connected_components on tables named `[schema.]table` (default schema: the
    target's). Returns the number of rounds.
-#}
{% macro journey_connected_components_operation(edges, nodes, output, max_rounds=none) -%}
    {%- set rounds = journey_connected_components(
        journey_cc_parse_relation(edges),
        journey_cc_parse_relation(nodes),
        journey_cc_parse_relation(output),
        max_rounds
    ) -%}
    {{ return(rounds) }}
{%- endmacro %}


{#- `table`, `schema.table` or `database.schema.table` as a relation of the target. -#}
{% macro journey_cc_parse_relation(name) -%}
    {%- set parts = (name | string).split('.') -%}
    {%- if parts | length == 1 -%}
        {%- set relation = api.Relation.create(
            database=target.database, schema=target.schema, identifier=parts[0]
        ) -%}
    {%- elif parts | length == 2 -%}
        {%- set relation = api.Relation.create(
            database=target.database, schema=parts[0], identifier=parts[1]
        ) -%}
    {%- elif parts | length == 3 -%}
        {%- set relation = api.Relation.create(
            database=parts[0], schema=parts[1], identifier=parts[2]
        ) -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("Not a relation name: '" ~ name ~ "'") }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}
