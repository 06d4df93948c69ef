{#- Every landing row or value the staging layer could not use, with the reason. -#}
{%- set row_checks = [
    ('crm_contacts', 'base_crm__contacts', 'contact_id'),
    ('crm_accounts', 'base_crm__accounts', 'account_id'),
    ('crm_deals', 'base_crm__deals', 'deal_id'),
    ('crm_activities', 'base_crm__activities', 'activity_id'),
    ('crm_orders', 'base_crm__orders', 'order_id'),
    ('web_events', 'base_web__events', 'event_id'),
    ('web_identifies', 'base_web__identifies', 'null'),
    ('support_tickets', 'base_support__tickets', 'ticket_id'),
    ('survey_nps', 'base_support__nps_responses', 'response_id'),
] -%}
{#- Values dropped from rows that are still used: (table, model, key, reason, condition). -#}
{%- set value_checks = [] -%}
{%- for table_name, model, key, column in [
    ('crm_contacts', 'stg_crm__contacts', 'contact_id', 'email'),
    ('crm_orders', 'stg_crm__orders', 'order_id', 'email'),
    ('web_identifies', 'stg_web__identifies', 'identify_id', 'email'),
    ('support_tickets', 'stg_support__tickets', 'ticket_id', 'requester_email'),
    ('survey_nps', 'stg_support__nps_responses', 'response_id', 'email'),
] -%}
    {%- do value_checks.append((
        table_name, model, key,
        dbt.concat(["'invalid email in " ~ column ~ ": '", 'invalid_' ~ column]),
        'invalid_' ~ column ~ ' is not null'
    )) -%}
{%- endfor -%}
{%- for table_name, model, key in [
    ('crm_orders', 'stg_crm__orders', 'order_id'),
    ('crm_deals', 'stg_crm__deals', 'deal_id'),
] -%}
    {%- do value_checks.append((
        table_name, model, key,
        dbt.concat(["'currency without an FX rate, no USD amount: '", 'currency']),
        'not is_known_currency'
    )) -%}
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

    {% for table_name, model, key in row_checks %}
        select
            '{{ table_name }}' as table_name,
            coalesce(
                {{ key }},
                {{ dbt.concat(["'row '", dbt.cast('_source_row', dbt.type_string())]) }}
            ) as record_key,
            _source_file as source_file,
            cast(null as {{ dbt.type_bigint() }}) as line_number,
            _source_row as source_row,
            quarantine_reason as reason,
            'row' as quarantine_scope
        from {{ ref(model) }}
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
