{#- Links the `journey__same_person_identifiers` setting declares: two identifier types that
    name the same person in different tools (for example a web `user_id` that is the CRM's
    `contact_id`), so an identifier of one type links to the identifier of the other type with
    the same value. In the shape of int_identity_edges_collected; `from` is the type that
    sorts first (SPEC §2 order). -#}
{%- set type_order = ['contact_id', 'user_id', 'email', 'anonymous_id'] -%}
{%- set pairs = [] -%}
{%- for pair in var('journey__same_person_identifiers') -%}
    {%- if pair | length != 2 or pair[0] not in type_order or pair[1] not in type_order
        or pair[0] == pair[1] -%}
        {{ exceptions.raise_compiler_error(
            "journey__same_person_identifiers: " ~ pair ~ " is not a pair of two different "
            ~ "identifier types among " ~ type_order | join(', ')
        ) }}
    {%- endif -%}
    {%- set ordered = (
        [pair[0], pair[1]] if type_order.index(pair[0]) < type_order.index(pair[1])
        else [pair[1], pair[0]]
    ) -%}
    {%- do pairs.append(ordered) -%}
{%- endfor -%}

with

{{ journey_import('identifiers', 'int_identity_identifiers_screened', where='not is_blocklisted') }}

declared as (

    {% for from_type, to_type in pairs %}
        select
            'declared: {{ from_type }} = {{ to_type }}' as source_table,
            cast(null as {{ dbt.type_string() }}) as source_record_id,
            from_identifiers.identifier_type as from_identifier_type,
            from_identifiers.identifier_value as from_identifier_value,
            to_identifiers.identifier_type as to_identifier_type,
            to_identifiers.identifier_value as to_identifier_value
        from identifiers as from_identifiers
        inner join identifiers as to_identifiers
            on from_identifiers.identifier_value = to_identifiers.identifier_value
        where
            from_identifiers.identifier_type = '{{ from_type }}'
            and to_identifiers.identifier_type = '{{ to_type }}'
        union all
    {% endfor %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as source_record_id,
        cast(null as {{ dbt.type_string() }}) as from_identifier_type,
        cast(null as {{ dbt.type_string() }}) as from_identifier_value,
        cast(null as {{ dbt.type_string() }}) as to_identifier_type,
        cast(null as {{ dbt.type_string() }}) as to_identifier_value
    from identifiers
    where 1 = 0

)

select * from declared
