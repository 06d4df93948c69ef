with

{{ journey_import('links', 'int_identity_edges_screened') }}
{{ journey_import('nodes', 'int_identity_nodes_numbered') }}

linking_nodes as (

    select
        node_id,
        identifier_type,
        identifier_value
    from nodes
    where not is_shared

),

numbered as (

    select
        from_nodes.node_id as from_node_id,
        to_nodes.node_id as to_node_id
    from links
    inner join linking_nodes as from_nodes
        on links.from_identifier_type = from_nodes.identifier_type
            and links.from_identifier_value = from_nodes.identifier_value
    inner join linking_nodes as to_nodes
        on links.to_identifier_type = to_nodes.identifier_type
            and links.to_identifier_value = to_nodes.identifier_value

)

select * from numbered
