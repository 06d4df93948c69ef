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

with

identifiers as (

    select
        identifier_type,
        identifier_value
    from {{ ref('int_identifiers_resolved') }}

),

unidentified as (

    {% for table_name, model, key, columns in tables %}
        select
            '{{ table_name }}' as table_name,
            rows_.{{ key }} as record_key
        from {{ ref(model) }} as rows_
        {%- for column in columns %}
            left join identifiers as by_{{ column }}
                on
                    by_{{ column }}.identifier_type
                    = '{{ identifier_type_of.get(column, column) }}'
                    and rows_.{{ column }} = by_{{ column }}.identifier_value
        {%- endfor %}
        where
            {%- for column in columns %}
                by_{{ column }}.identifier_value is null
                {%- if not loop.last %} and{% endif %}
            {%- endfor %}
            {%- if table_name == 'web_events' %}
                and not rows_.is_bot
            {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from unidentified
