{#- Per staging relation: raw table and record key. -#}
{%- set relations = {
    'contacts': ('crm_contacts', 'contact_id'),
    'orders': ('crm_orders', 'order_id'),
    'tickets': ('support_tickets', 'ticket_id'),
    'identifies': ('web_identifies', 'identify_id'),
    'human_events': ('web_events', 'event_id'),
} -%}
{#- SPEC §2 links: (relation, from type, from column, to type, to column). `from` is always the
    type that sorts first (contact_id < user_id < email < anonymous_id), so a link between two
    identifiers has one orientation. Bot events link nothing (SPEC §8). -#}
{%- set links = [
    ('contacts', 'contact_id', 'contact_id', 'email', 'email'),
    ('orders', 'contact_id', 'contact_id', 'email', 'email'),
    ('tickets', 'contact_id', 'contact_id', 'email', 'requester_email'),
    ('identifies', 'user_id', 'user_id', 'anonymous_id', 'anonymous_id'),
    ('identifies', 'user_id', 'user_id', 'email', 'email'),
    ('identifies', 'email', 'email', 'anonymous_id', 'anonymous_id'),
    ('human_events', 'user_id', 'user_id', 'anonymous_id', 'anonymous_id'),
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

human_events as (

    select * from events
    where not is_bot

),

links as (

    {% for relation, from_type, from_column, to_type, to_column in links %}
        {%- set source_table, key = relations[relation] %}
        select
            '{{ source_table }}' as source_table,
            cast({{ key }} as {{ dbt.type_string() }}) as source_record_id,
            '{{ from_type }}' as from_identifier_type,
            cast({{ from_column }} as {{ dbt.type_string() }}) as from_identifier_value,
            '{{ to_type }}' as to_identifier_type,
            cast({{ to_column }} as {{ dbt.type_string() }}) as to_identifier_value
        from {{ relation }}
        where {{ from_column }} is not null
            and {{ to_column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from links
