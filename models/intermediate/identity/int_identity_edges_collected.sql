{#- SPEC §2 links: (raw table, from type, to type). Two identifier occurrences of one row make a
    link when their types are listed for that table. `from` is always the type that sorts first
    (contact_id < user_id < email < anonymous_id), so a link between two identifiers has one
    orientation. The occurrences already leave out bot events (SPEC §8), so they link nothing. -#}
{%- set link_rules = [
    ('crm_contacts', 'contact_id', 'email'),
    ('crm_orders', 'contact_id', 'email'),
    ('support_tickets', 'contact_id', 'email'),
    ('web_identifies', 'user_id', 'anonymous_id'),
    ('web_identifies', 'user_id', 'email'),
    ('web_identifies', 'email', 'anonymous_id'),
    ('web_events', 'user_id', 'anonymous_id'),
] -%}

with

occurrences as (

    select * from {{ ref('int_identity_identifiers_collected') }}

),

rules as (

    {% for source_table, from_type, to_type in link_rules %}
        select
            '{{ source_table }}' as source_table,
            '{{ from_type }}' as from_identifier_type,
            '{{ to_type }}' as to_identifier_type
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

links as (

    select
        from_occurrences.source_table,
        from_occurrences.source_record_id,
        from_occurrences.identifier_type as from_identifier_type,
        from_occurrences.identifier_value as from_identifier_value,
        to_occurrences.identifier_type as to_identifier_type,
        to_occurrences.identifier_value as to_identifier_value
    from rules
    inner join occurrences as from_occurrences
        on
            rules.source_table = from_occurrences.source_table
            and rules.from_identifier_type = from_occurrences.identifier_type
    inner join occurrences as to_occurrences
        on
            from_occurrences.source_table = to_occurrences.source_table
            and from_occurrences.source_record_id = to_occurrences.source_record_id
            and rules.to_identifier_type = to_occurrences.identifier_type

)

select * from links
{%- if var('journey__same_person_identifiers') %}
    union all
    select * from {{ ref('int_identity_edges_declared') }}
{%- endif %}
