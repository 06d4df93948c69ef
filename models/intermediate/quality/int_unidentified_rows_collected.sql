{#- SPEC §8: a row left with no usable identifier (all of them empty, invalid or blocklisted)
    makes no touchpoint and goes to quarantine. The identifier occurrences come from the identity
    graph's own collection, so which columns are identifiers is decided in one place. Bot events
    are flagged, not quarantined; crm_accounts carry no customer identifier. -#}
{%- set tables = [
    ('crm_contacts', 'stg_crm__contacts', 'contact_id', none),
    ('crm_deals', 'stg_crm__deals', 'deal_id', none),
    ('crm_activities', 'stg_crm__activities', 'activity_id', none),
    ('crm_orders', 'stg_crm__orders', 'order_id', none),
    ('web_events', 'stg_web__events', 'event_id', 'not is_bot'),
    ('web_identifies', 'stg_web__identifies', 'identify_id', none),
    ('support_tickets', 'stg_support__tickets', 'ticket_id', none),
    ('survey_nps', 'stg_support__nps_responses', 'response_id', none),
] -%}

with

occurrences as (

    select * from {{ ref('int_identity_identifiers_collected') }}

),

identifiers as (

    select * from {{ ref('int_identifiers_resolved') }}

),

staged_rows as (

    {% for table_name, model, key, row_filter in tables %}
        select
            '{{ table_name }}' as table_name,
            cast({{ key }} as {{ dbt.type_string() }}) as record_key
        from {{ ref(model) }}
        {% if row_filter %}where {{ row_filter }}{% endif %}
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
