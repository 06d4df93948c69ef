{#- SPEC §2 links, from the landing registry: two identifier occurrences of one row make a link
    when their types are a link of that table. `from` is always the type that sorts first
    (contact_id < user_id < email < anonymous_id), so a link between two identifiers has one
    orientation. The occurrences already leave out bot events (SPEC §8), so they link nothing. -#}
{%- set type_order = ['contact_id', 'user_id', 'email', 'anonymous_id'] -%}
{%- set link_rules = [] -%}
{%- for table in journey_landing_registry() -%}
    {%- for first_type, second_type in table.links -%}
        {%- if type_order.index(first_type) <= type_order.index(second_type) -%}
            {%- do link_rules.append((table.name, first_type, second_type)) -%}
        {%- else -%}
            {%- do link_rules.append((table.name, second_type, first_type)) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endfor -%}

with

{{ journey_import('occurrences', 'int_identity_identifiers_collected') }}

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
