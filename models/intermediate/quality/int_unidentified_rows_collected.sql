{#- SPEC §8: a row left with no usable identifier (all of them empty, invalid, blocklisted, or
    a bot event's) makes no touchpoint and goes to quarantine. One row per such staged row.
    crm_accounts carry no customer identifier and are not checked. -#}
{%- set tables = [
    ('crm_contacts', 'stg_crm__contacts', 'contact_id', ['contact_id', 'email']),
    ('crm_deals', 'stg_crm__deals', 'deal_id', ['contact_id']),
    ('crm_activities', 'stg_crm__activities', 'activity_id', ['contact_id']),
    ('crm_orders', 'stg_crm__orders', 'order_id', ['contact_id', 'email']),
    ('web_events', 'stg_web__events', 'event_id', ['user_id', 'anonymous_id']),
    ('web_identifies', 'stg_web__identifies', 'identify_id', ['user_id', 'email', 'anonymous_id']),
    ('support_tickets', 'stg_support__tickets', 'ticket_id', ['contact_id', 'requester_email']),
    ('survey_nps', 'stg_support__nps_responses', 'response_id', ['email']),
] -%}
{%- set identifier_type_of = {'requester_email': 'email'} -%}

{%- set occurrences = [] -%}
{%- for table_name, model, key, columns in tables -%}
    {%- for column in columns -%}
        {%- do occurrences.append((table_name, model, key, column)) -%}
    {%- endfor -%}
{%- endfor %}

with

identifiers as (

    select
        identifier_type,
        identifier_value
    from {{ ref('int_identifiers_resolved') }}

),

row_identifiers as (

    {% for table_name, model, key, column in occurrences %}
        select
            '{{ table_name }}' as table_name,
            {{ key }} as record_key,
            '{{ identifier_type_of.get(column, column) }}' as identifier_type,
            {{ column }} as identifier_value
        from {{ ref(model) }}
        {% if table_name == 'web_events' %}where not is_bot{% endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

unidentified as (

    select
        row_identifiers.table_name,
        row_identifiers.record_key
    from row_identifiers
    left join identifiers
        on
            row_identifiers.identifier_type = identifiers.identifier_type
            and row_identifiers.identifier_value = identifiers.identifier_value
    group by row_identifiers.table_name, row_identifiers.record_key
    having count(identifiers.identifier_value) = 0

)

select * from unidentified
