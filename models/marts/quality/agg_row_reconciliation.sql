{#- Nothing is lost (SPEC §7): per landing table, every row read is used, superseded or
    quarantined. Each count comes from its own place (landing, staging, quarantine), so the
    balance is a real check, not an identity. -#}
{%- set tables = [
    ('crm_contacts', 'crm', 'contacts', 'stg_crm__contacts', 'contact_id', true),
    ('crm_accounts', 'crm', 'accounts', 'stg_crm__accounts', 'account_id', false),
    ('crm_deals', 'crm', 'deals', 'stg_crm__deals', 'deal_id', false),
    ('crm_activities', 'crm', 'activities', 'stg_crm__activities', none, false),
    ('crm_orders', 'crm', 'orders', 'stg_crm__orders', 'order_id', false),
    ('web_events', 'web', 'events', 'stg_web__events', 'event_id', false),
    ('web_identifies', 'web', 'identifies', 'stg_web__identifies', none, false),
    ('support_tickets', 'support', 'tickets', 'stg_support__tickets', 'ticket_id', false),
    ('survey_nps', 'support', 'nps_responses', 'stg_support__nps_responses', none, false),
] -%}

with

rejected_lines as (

    select
        table_name,
        count(*) as rejected_lines
    from {{ source('landing', 'rejected_lines') }}
    group by table_name

),

quarantined as (

    select
        table_name,
        count(*) as quarantined_rows
    from {{ ref('fct_quarantine') }}
    where quarantine_scope = 'row'
    group by table_name

),

unidentified as (

    select
        table_name,
        count(*) as unidentified_rows
    from {{ ref('int_unidentified_rows_collected') }}
    group by table_name

),

counted as (

    {% for table_name, source_name, source_table, staging_model, key, has_deletes in tables %}
        {%- set base_model = staging_model | replace('stg_', 'base_') %}
        select
            '{{ table_name }}' as table_name,
            (select count(*) from {{ journey_landing_relation(table_name) }}) as loaded_rows,
            (select count(*) from {{ ref(staging_model) }}) as used_rows,
            {%- if key and has_deletes %}
                (
                    select count(*)
                    from (
                        select
                            is_deleted,
                            row_number() over (
                                partition by {{ key }}
                                order by updated_at desc, _source_file desc, _source_row desc
                            ) as version_rank
                        from {{ ref(base_model) }}
                        where quarantine_reason is null
                    ) as versions
                    where version_rank > 1 or is_deleted
                ) as superseded_rows
            {%- elif key %}
                (
                    select count(*) - count(distinct {{ key }})
                    from {{ ref(base_model) }}
                    where quarantine_reason is null
                ) as superseded_rows
            {%- else %}
                0 as superseded_rows
            {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        counted.table_name,
        counted.loaded_rows + coalesce(rejected_lines.rejected_lines, 0) as raw_rows,
        counted.used_rows - coalesce(unidentified.unidentified_rows, 0) as used_rows,
        counted.superseded_rows,
        coalesce(quarantined.quarantined_rows, 0) as quarantined_rows,
        counted.loaded_rows + coalesce(rejected_lines.rejected_lines, 0)
        = counted.used_rows - coalesce(unidentified.unidentified_rows, 0)
        + counted.superseded_rows
        + coalesce(quarantined.quarantined_rows, 0) as is_balanced
    from counted
    left join rejected_lines
        on counted.table_name = rejected_lines.table_name
    left join quarantined
        on counted.table_name = quarantined.table_name
    left join unidentified
        on counted.table_name = unidentified.table_name

)

select * from final
