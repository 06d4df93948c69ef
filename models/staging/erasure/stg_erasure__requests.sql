{#- The named identifier leaves this model only as a keyed hash. -#}
with

{{ journey_import('requests', 'base_erasure__requests', where='quarantine_reason is null') }}

final as (

    select
        request_id,
        identifier_type,
        {{ journey_keyed_hash(
            "case when identifier_type = 'email' then lower(identifier_value)"
            ~ " else identifier_value end"
        ) }} as identifier_hash,
        requested_at,
        -- lineage
        _source_file,
        _source_row
    from requests

)

select * from final
