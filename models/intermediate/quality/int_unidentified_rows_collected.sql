{#- SPEC §8: a row left with no usable identifier (all of them empty, invalid or blocklisted)
    makes no touchpoint and goes to quarantine. Every landing table of the registry that carries
    identifiers is checked (crm_accounts carries none); the identifier occurrences come from the
    identity graph's own collection, so which columns are identifiers is decided in one place.
    Bot events are excluded by their own rule, not quarantined. -#}
{%- set tables = journey_identifier_tables() -%}

with

{{ journey_import('occurrences', 'int_identity_identifiers_collected') }}
{{ journey_import('identifiers', 'int_identifiers_resolved') }}

staged_rows as (

    {% for table in tables %}
        select
            '{{ table.name }}' as table_name,
            cast({{ table.staging_key }} as {{ dbt.type_string() }}) as record_key
        from {{ ref(table.staging_model) }}
        {% if table.row_filter %}where {{ table.row_filter }}{% endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

identified_rows as (

    select distinct
        occurrences.source_table,
        occurrences.source_record_id
    from occurrences
    inner join identifiers
        on
            occurrences.identifier_type = identifiers.identifier_type
            and occurrences.identifier_value = identifiers.identifier_value

),

unidentified as (

    select
        staged_rows.table_name,
        staged_rows.record_key
    from staged_rows
    left join identified_rows
        on
            staged_rows.table_name = identified_rows.source_table
            and staged_rows.record_key = identified_rows.source_record_id
    where identified_rows.source_record_id is null

)

select * from unidentified
