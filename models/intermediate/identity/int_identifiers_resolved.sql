with

{{ journey_import('nodes', 'int_identity_nodes_numbered') }}
{{ journey_import('components', 'int_identity_components_resolved') }}

resolved as (

    select
        nodes.identifier_type,
        nodes.identifier_value,
        {{ dbt.hash(dbt.concat([
            'smallest_identifiers.identifier_type',
            "':'",
            'smallest_identifiers.identifier_value'
        ])) }} as customer_id,
        nodes.is_shared,
        nodes.first_seen_at
    from nodes
    inner join components
        on nodes.node_id = components.node_id
    inner join nodes as smallest_identifiers
        on components.component_id = smallest_identifiers.node_id

)

select * from resolved
