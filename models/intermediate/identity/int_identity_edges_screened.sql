with

{{ journey_import('links', 'int_identity_edges_collected') }}
{{ journey_import('identifiers', 'int_identity_identifiers_screened') }}

usable_identifiers as (

    select
        identifier_type,
        identifier_value
    from identifiers
    where not is_blocklisted

),

distinct_links as (

    select distinct
        from_identifier_type,
        from_identifier_value,
        to_identifier_type,
        to_identifier_value
    from links

),

screened as (

    select
        distinct_links.from_identifier_type,
        distinct_links.from_identifier_value,
        distinct_links.to_identifier_type,
        distinct_links.to_identifier_value
    from distinct_links
    inner join usable_identifiers as from_identifiers
        on distinct_links.from_identifier_type = from_identifiers.identifier_type
            and distinct_links.from_identifier_value = from_identifiers.identifier_value
    inner join usable_identifiers as to_identifiers
        on distinct_links.to_identifier_type = to_identifiers.identifier_type
            and distinct_links.to_identifier_value = to_identifiers.identifier_value

)

select * from screened
