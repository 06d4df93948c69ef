{#- Every landing row or value the staging layer could not use, with the reason. The tables,
    their keys and their email columns come from the landing registry. A reason names the
    category and shows a personal value (an invalid email, an unreadable line) only masked
    (`journey_masked_text`); the value as it arrived is `raw_value`, in this identity-tier
    model and `fct_quarantine_raw_values` only. -#}
{%- set registry = journey_landing_registry() -%}
{#- Values dropped from rows that are still used:
    (table, model, key, category, value, is the value personal, condition). -#}
{%- set value_checks = [] -%}
{%- for table in registry -%}
    {%- for column in table.emails -%}
        {%- do value_checks.append((
            table.name, table.staging_model, table.staging_key,
            'invalid email in ' ~ column, 'invalid_' ~ column, true,
            'invalid_' ~ column ~ ' is not null'
        )) -%}
    {%- endfor -%}
    {%- if 'currency' in table.columns -%}
        {%- do value_checks.append((
            table.name, table.staging_model, table.staging_key,
            'currency without an FX rate, no USD amount', 'currency', false,
            'not is_known_currency'
        )) -%}
        {%- for number in table.numbers -%}
            {%- do value_checks.append((
                table.name, table.staging_model, table.staging_key,
                number ~ ' too large to convert to USD', 'currency', false,
                number ~ ' is not null and is_known_currency and ' ~ number ~ '_usd is null'
            )) -%}
        {%- endfor -%}
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
        {{ dbt.concat(["'unreadable line ('", 'error_type', "')'"]) }} as reason_category,
        {{ journey_masked_text('raw_line') }} as masked_value,
        raw_line as raw_value,
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
            quarantine_reason as reason_category,
            cast(null as {{ dbt.type_string() }}) as masked_value,
            cast(null as {{ dbt.type_string() }}) as raw_value,
            'row' as quarantine_scope
        from {{ ref(table.base_model) }}
        where quarantine_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

dropped_values as (

    {% for table_name, model, key, category, value, personal, condition in value_checks %}
        select
            '{{ table_name }}' as table_name,
            {{ key }} as record_key,
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as {{ dbt.type_bigint() }}) as line_number,
            cast(null as {{ dbt.type_bigint() }}) as source_row,
            '{{ category }}' as reason_category,
            {{ journey_masked_text(value) if personal else value }} as masked_value,
            {{ value }} as raw_value,
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

reasoned as (

    select
        table_name,
        record_key,
        source_file,
        line_number,
        source_row,
        case
            when masked_value is null then reason_category
            else {{ dbt.concat(['reason_category', "': '", 'masked_value']) }}
        end as reason,
        reason_category,
        masked_value,
        raw_value,
        quarantine_scope
    from unioned

),

final as (

    select
        {{ journey_surrogate_key([
            'table_name', 'record_key', 'source_file', 'line_number', 'source_row', 'reason'
        ]) }} as quarantine_id,
        *
    from reasoned

)

select * from final
