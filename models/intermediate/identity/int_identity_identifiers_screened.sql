with

{{ journey_import('occurrences', 'int_identity_identifiers_collected') }}
{{ journey_import('blocklist_rules', 'identity_blocklist') }}

identifiers as (

    select
        identifier_type,
        identifier_value,
        min(seen_at) as first_seen_at,
        count(*) as occurrence_count
    from occurrences
    group by
        identifier_type,
        identifier_value

),

normalised_rules as (

    select
        nullif(lower(trim(identifier_type)), '') as identifier_type,
        lower(trim(match_type)) as match_type,
        lower(trim(value)) as blocked_value,
        reason
    from blocklist_rules

),

blocklist_matches as (

    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        min(normalised_rules.reason) as blocklist_reason
    from identifiers
    inner join normalised_rules
        on (
            normalised_rules.identifier_type is null
            or identifiers.identifier_type = normalised_rules.identifier_type
        )
        and (
            (
                normalised_rules.match_type = 'exact'
                and lower(identifiers.identifier_value) = normalised_rules.blocked_value
            )
            or (
                normalised_rules.match_type = 'like'
                and lower(identifiers.identifier_value) like normalised_rules.blocked_value
            )
        )
    group by
        identifiers.identifier_type,
        identifiers.identifier_value

),

screened as (

    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        identifiers.first_seen_at,
        identifiers.occurrence_count,
        blocklist_matches.identifier_value is not null as is_blocklisted,
        blocklist_matches.blocklist_reason
    from identifiers
    left join blocklist_matches
        on identifiers.identifier_type = blocklist_matches.identifier_type
            and identifiers.identifier_value = blocklist_matches.identifier_value

)

select * from screened
