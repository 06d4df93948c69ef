{#- Every edge of the identity graph joins two nodes of the same component: the components are
    closed under the edges they were computed from. -#}
with

{{ journey_import('edges', 'int_identity_edges_numbered') }}
{{ journey_import('components', 'int_identity_components_resolved') }}

split_edges as (

    select
        edges.from_node_id,
        edges.to_node_id,
        from_components.component_id as from_component_id,
        to_components.component_id as to_component_id
    from edges
    left join components as from_components
        on edges.from_node_id = from_components.node_id
    left join components as to_components
        on edges.to_node_id = to_components.node_id
    where from_components.component_id is null
        or to_components.component_id is null
        or from_components.component_id <> to_components.component_id

)

select * from split_edges
