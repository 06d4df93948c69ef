{#- A table: the identifier screen, the links and the unidentified-rows check all read it. -#}
{{ config(materialized='table') }}

{#- Per staging relation: raw table, record key, and the timestamp that dates an occurrence. -#}
{%- set relations = {
    'contacts': ('crm_contacts', 'contact_id', 'coalesce(created_at, updated_at)'),
    'orders': ('crm_orders', 'order_id', 'coalesce(ordered_at, updated_at)'),
    'tickets': ('support_tickets', 'ticket_id', 'coalesce(created_at, updated_at)'),
    'identifies': ('web_identifies', 'identify_id', 'identified_at'),
    'human_events': ('web_events', 'event_id', 'event_at'),
    'deals': ('crm_deals', 'deal_id', 'coalesce(created_at, updated_at)'),
    'activities': ('crm_activities', 'activity_id', 'occurred_at'),
    'nps_responses': ('survey_nps', 'response_id', 'responded_at'),
} -%}
{#- Every identifier column of those relations: (relation, identifier type, column). Bot events
    are left out (SPEC §8). -#}
{%- set occurrences = [
    ('contacts', 'contact_id', 'contact_id'),
    ('contacts', 'email', 'email'),
    ('orders', 'contact_id', 'contact_id'),
    ('orders', 'email', 'email'),
    ('tickets', 'contact_id', 'contact_id'),
    ('tickets', 'email', 'requester_email'),
    ('identifies', 'anonymous_id', 'anonymous_id'),
    ('identifies', 'user_id', 'user_id'),
    ('identifies', 'email', 'email'),
    ('human_events', 'anonymous_id', 'anonymous_id'),
    ('human_events', 'user_id', 'user_id'),
    ('deals', 'contact_id', 'contact_id'),
    ('activities', 'contact_id', 'contact_id'),
    ('nps_responses', 'email', 'email'),
] -%}

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

orders as (

    select * from {{ ref('stg_crm__orders') }}

),

tickets as (

    select * from {{ ref('stg_support__tickets') }}

),

identifies as (

    select * from {{ ref('stg_web__identifies') }}

),

events as (

    select * from {{ ref('stg_web__events') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

nps_responses as (

    select * from {{ ref('stg_support__nps_responses') }}

),

human_events as (

    select * from events
    where not is_bot

),

occurrences as (

    {% for relation, identifier_type, column in occurrences %}
        {%- set source_table, key, seen_at = relations[relation] %}
        select
            '{{ source_table }}' as source_table,
            cast({{ key }} as {{ dbt.type_string() }}) as source_record_id,
            '{{ identifier_type }}' as identifier_type,
            cast({{ column }} as {{ dbt.type_string() }}) as identifier_value,
            cast({{ seen_at }} as {{ dbt.type_timestamp() }}) as seen_at
        from {{ relation }}
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from occurrences
