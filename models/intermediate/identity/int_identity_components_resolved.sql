{#- journey_connected_components writes the components into a work table named after this
    model, which the model copies and the post-hook drops. Only run, build and retry compute
    them; compile, show and docs must not write to the warehouse, so there the SQL reads the
    model's current table instead. -#}
{%- set edges = ref('int_identity_edges_numbered') -%}
{%- set nodes = ref('int_identity_nodes_numbered') -%}
{%- set is_computing = execute and flags.WHICH in ('run', 'build', 'retry') -%}
{%- set work_table = this.incorporate(path={'identifier': this.identifier ~ '__components'}) -%}
{%- set components = work_table if is_computing else this -%}

{{ config(
    post_hook=(
        "drop table if exists {{ this.incorporate(path={'identifier': this.identifier"
        ~ " ~ '__components'}) }}"
    )
) }}

{%- if is_computing -%}
    {%- do journey_connected_components(edges, nodes, work_table) -%}
{%- endif %}

with

components as (

    select * from {{ components }}

),

final as (

    select
        cast(node_id as {{ dbt.type_bigint() }}) as node_id,
        cast(component_id as {{ dbt.type_bigint() }}) as component_id
    from components

)

select * from final
