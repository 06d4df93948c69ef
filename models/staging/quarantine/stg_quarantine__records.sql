{#- Every landing row or value the staging layer could not use, with the reason. The tables,
    their keys and their email columns come from the landing registry. -#}
{%- set registry = journey_landing_registry() -%}
{#- Values dropped from rows that are still used: (table, model, key, reason, condition). -#}
{%- set value_checks = [] -%}
{%- for table in registry -%}
    {%- for column in table.emails -%}
        {%- do value_checks.append((
            table.name, table.staging_model, table.staging_key,
            dbt.concat(["'invalid email in " ~ column ~ ": '", 'invalid_' ~ column]),
            'invalid_' ~ column ~ ' is not null'
        )) -%}
    {%- endfor -%}
    {%- if 'currency' in table.columns -%}
        {%- do value_checks.append((
            table.name, table.staging_model, table.staging_key,
            dbt.concat(["'currency without an FX rate, no USD amount: '", 'currency']),
            'not is_known_currency'
        )) -%}
    {%- endif -%}
{%- endfor -%}

with

rejected_lines as (

    select
        table_name,
        {{ dbt.concat(["'line '", dbt.cast('line_number', api.Column.translate_type('string'))]) }}
            as record_key,
        source_file,
        line_number,
        cast(null as {{ dbt.type_bigint() }}) as source_row,
        {{ dbt.concat(["'unreadable line ('", 'error_type', "'): '", 'raw_line']) }} as reason,
        'row' as quarantine_scope
    from {{ source('landing', 'rejected_lines') }}

),

rejected_rows as (

    {% for table in registry %}
        select
            '{{ table.name }}' as table_name,
            coalesce(
                {{ table.key or 'null' }},
                {{ dbt.concat(["'row '", dbt.cast('_source_row', dbt.type_string())]) }}
            ) as record_key,
            _source_file as source_file,
            cast(null as {{ dbt.type_bigint() }}) as line_number,
            _source_row as source_row,
            quarantine_reason as reason,
            'row' as quarantine_scope
        from {{ ref(table.base_model) }}
        where quarantine_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

dropped_values as (

    {% for table_name, model, key, reason, condition in value_checks %}
        select
            '{{ table_name }}' as table_name,
            {{ key }} as record_key,
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as {{ dbt.type_bigint() }}) as line_number,
            cast(null as {{ dbt.type_bigint() }}) as source_row,
            {{ reason }} as reason,
            'value' as quarantine_scope
        from {{ ref(model) }}
        where {{ condition }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

unioned as (

    select * from rejected_lines
    union all
    select * from rejected_rows
    union all
    select * from dropped_values

),

final as (

    select
        {{ journey_surrogate_key([
            'table_name', 'record_key', 'source_file', 'line_number', 'source_row', 'reason'
        ]) }} as quarantine_id,
        *
    from unioned

)

select * from final
