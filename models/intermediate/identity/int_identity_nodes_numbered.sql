with

{{ journey_import('identifiers', 'int_identity_identifiers_screened') }}
{{ journey_import('links', 'int_identity_edges_screened') }}

usable_identifiers as (

    select
        identifier_type,
        identifier_value,
        first_seen_at
    from identifiers
    where not is_blocklisted

),

neighbours as (

    select
        from_identifier_type as identifier_type,
        from_identifier_value as identifier_value,
        to_identifier_type as neighbour_type,
        to_identifier_value as neighbour_value
    from links
    union
    select
        to_identifier_type as identifier_type,
        to_identifier_value as identifier_value,
        from_identifier_type as neighbour_type,
        from_identifier_value as neighbour_value
    from links

),

link_counts as (

    select
        identifier_type,
        identifier_value,
        count(*) as linked_id_count
    from neighbours
    where neighbour_type in ('user_id', 'contact_id')
    group by
        identifier_type,
        identifier_value

),

flagged as (

    select
        usable_identifiers.identifier_type,
        usable_identifiers.identifier_value,
        usable_identifiers.first_seen_at,
        coalesce(link_counts.linked_id_count, 0) as linked_id_count,
        coalesce(
            usable_identifiers.identifier_type in ('email', 'anonymous_id')
            and link_counts.linked_id_count > {{ var('identity_max_links', 3) }},
            false
        ) as is_shared
    from usable_identifiers
    left join link_counts
        on usable_identifiers.identifier_type = link_counts.identifier_type
            and usable_identifiers.identifier_value = link_counts.identifier_value

),

numbered as (

    select
        cast(
            dense_rank() over (
                order by
                    {{ journey_identifier_type_rank('identifier_type') }},
                    identifier_value
            ) as {{ dbt.type_bigint() }}
        ) as node_id,
        identifier_type,
        identifier_value,
        first_seen_at,
        linked_id_count,
        is_shared
    from flagged

)

select * from numbered
