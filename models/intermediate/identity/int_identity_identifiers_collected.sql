{#- One row per identifier occurrence: every identifier column of every landing table in the
    registry, read from its staging model, dated by the row's first non-empty timestamp (the
    registry lists the placing timestamp first). Bot events are left out (SPEC §8). -#}
{%- set tables = journey_identifier_tables() -%}

with

occurrences as (

    {% for table in tables %}
        {%- set seen_at = table.timestamps | join(', ') %}
        {%- for identifier_type, column in table.identifiers %}
            select
                '{{ table.name }}' as source_table,
                cast({{ table.staging_key }} as {{ dbt.type_string() }}) as source_record_id,
                '{{ identifier_type }}' as identifier_type,
                cast({{ column }} as {{ dbt.type_string() }}) as identifier_value,
                cast(coalesce({{ seen_at }}) as {{ dbt.type_timestamp() }}) as seen_at
            from {{ ref(table.staging_model) }}
            where
                {{ column }} is not null
                {%- if table.row_filter %}
                    and {{ table.row_filter }}
                {%- endif %}
            {% if not loop.last %}union all{% endif %}
        {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from occurrences
