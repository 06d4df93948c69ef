{#- Nothing is lost (SPEC §7), traced to the marts: every landing row of every registry table
    ends in exactly one class, each decided by a lookup of its own:
    - quarantined: its line, its row (file and row number) or its record key (no usable
      identifier) is in fct_quarantine;
    - superseded: not quarantined, not staged, and another version of its key was kept
      (change feed, repeated delivery) or its record was deleted;
    - in_mart: it reaches a mart by its route below (its touchpoint in fct_touchpoints, its web
      session in fct_web_sessions, or one of its identifiers in dim_customer_identifiers);
    - excluded: a documented rule keeps it out of the marts (see `exclusion_rules`);
    - erased: it carries an identifier of an erased person: the run deleted it from the landing
      copy (`erasure.landing_purged`) or the base model left it out (suppression list).
    A row in no class, or in two, is unaccounted and unbalances its table. -#}
{{ config(pre_hook="{{ journey_prefer_hash_joins() }}") }}

{%- set registry = journey_landing_registry() -%}
{#- How a staged, identified row of each table reaches a mart. A table missing here reaches a
    mart through its identifiers when it has any; otherwise it stays unaccounted until a route
    or rule is written for it. -#}
{%- set routes = {
    'crm_contacts': 'identifiers',
    'crm_accounts': none,
    'crm_deals': 'touchpoints',
    'crm_activities': 'touchpoints',
    'crm_orders': 'touchpoints',
    'web_events': 'touchpoints_and_sessions',
    'web_identifies': 'identifiers',
    'support_tickets': 'touchpoints',
    'survey_nps': 'touchpoints',
} -%}
{#- Rows kept out of the marts on purpose (SPEC §1, §3), per table: a SQL condition on the
    staged row and the lookups of its route. -#}
{%- set exclusion_rules = {
    'crm_accounts': 'true',
    'crm_activities': 'activity_types.touchpoint_type is null',
    'crm_orders': 'coalesce(staged.status not in '
        ~ journey_sql_list(var('journey__order_touchpoint_statuses')) ~ ', true)',
    'erasure_requests': 'true',
    'web_events': 'staged.is_bot or (event_types.touchpoint_type is null'
        ~ ' and first_of_session.session_id is null'
        ~ ' and (member_of_session.session_id is not null or sessionized.event_id is null))',
} -%}

with

{{ journey_import('quarantine', 'fct_quarantine', where="quarantine_scope = 'row'") }}

quarantined_source_rows as (

    select distinct
        table_name,
        source_file,
        source_row
    from quarantine
    where source_row is not null

),

quarantined_records as (

    select distinct
        table_name,
        record_key
    from quarantine
    where source_row is null and line_number is null

),

quarantined_lines as (

    select
        table_name,
        count(*) as quarantined_lines
    from quarantine
    where line_number is not null
    group by table_name

),

rejected_lines as (

    select
        table_name,
        count(*) as rejected_lines
    from {{ source('landing', 'rejected_lines') }}
    group by table_name

),

sessions as (

    select
        session_id,
        first_event_id
    from {{ ref('fct_web_sessions') }}

),

sessionized_events as (

    select
        event_id,
        session_id
    from {{ ref('int_web_events_sessionized') }}

),

stage_map_types as (

    select distinct
        source_table,
        touchpoint_type
    from {{ ref('int_stage_map_selected') }}

),

row_flags as (

    {% for table in registry %}
        {%- set route = routes.get(table.name, 'identifiers' if table.identifiers else none) %}
        {%- set record_key = dbt.cast('staged.' ~ table.staging_key, dbt.type_string()) %}
        select
            '{{ table.name }}' as table_name,
            quarantined_source_rows.source_row is not null
            or (
                staged._source_row is not null
                and quarantined_records.record_key is not null
            ) as is_quarantined,
            {%- if table.key %}
                base.quarantine_reason is null
                and staged._source_row is null
                and (
                    kept_versions.{{ table.key }} is not null
                    {%- if table.has_deletes %}
                        or deleted_records.{{ table.key }} is not null
                    {%- endif %}
                ) as is_superseded,
            {%- else %}
                false as is_superseded,
            {%- endif %}
            staged._source_row is not null
            and quarantined_records.record_key is null
            and (
                {%- if route == 'touchpoints' %}
                    touchpoints.source_record_id is not null
                {%- elif route == 'touchpoints_and_sessions' %}
                    touchpoints.source_record_id is not null
                    or first_of_session.session_id is not null
                {%- elif route == 'identifiers' %}
                    {%- for identifier_type, column in table.identifiers %}
                        by_{{ column }}.identifier_value is not null
                        {%- if not loop.last %} or {% endif %}
                    {%- endfor %}
                {%- else %}
                    false
                {%- endif %}
            ) as is_in_mart,
            staged._source_row is not null
            and quarantined_records.record_key is null
            and coalesce({{ exclusion_rules.get(table.name, 'false') }}, false) as is_excluded
        from {{ ref(table.base_model) }} as base
        left join {{ ref(table.staging_model) }} as staged
            on
                base._source_file = staged._source_file
                and base._source_row = staged._source_row
        left join quarantined_source_rows
            on
                quarantined_source_rows.table_name = '{{ table.name }}'
                and base._source_file = quarantined_source_rows.source_file
                and base._source_row = quarantined_source_rows.source_row
        left join quarantined_records
            on
                quarantined_records.table_name = '{{ table.name }}'
                and {{ record_key }} = quarantined_records.record_key
        {%- if table.key %}
            left join (
                select distinct {{ table.key }} from {{ ref(table.staging_model) }}
            ) as kept_versions
                on base.{{ table.key }} = kept_versions.{{ table.key }}
            {%- if table.has_deletes %}
                left join (
                    select distinct {{ table.key }}
                    from {{ ref(table.base_model) }}
                    where quarantine_reason is null and is_deleted
                ) as deleted_records
                    on
                        base.{{ table.key }} = deleted_records.{{ table.key }}
                        and kept_versions.{{ table.key }} is null
            {%- endif %}
        {%- endif %}
        {#- The touchpoint and identifier lookups read their tables, not a shared CTE: Postgres
            materializes a CTE read more than once and plans it without statistics, which
            turned these joins into nested loops, quadratic in rows. #}
        {%- if route in ('touchpoints', 'touchpoints_and_sessions') %}
            left join (
                select distinct
                    source_table,
                    source_record_id
                from {{ ref('fct_touchpoints') }}
            ) as touchpoints
                on
                    touchpoints.source_table = '{{ table.name }}'
                    and {{ record_key }} = touchpoints.source_record_id
        {%- endif %}
        {%- if route == 'touchpoints_and_sessions' %}
            left join sessions as first_of_session
                on staged.event_id = first_of_session.first_event_id
            left join sessionized_events as sessionized
                on staged.event_id = sessionized.event_id
            left join sessions as member_of_session
                on sessionized.session_id = member_of_session.session_id
            left join stage_map_types as event_types
                on
                    event_types.source_table = '{{ table.name }}'
                    and staged.event_name = event_types.touchpoint_type
        {%- endif %}
        {%- if table.name == 'crm_activities' %}
            left join stage_map_types as activity_types
                on
                    activity_types.source_table = '{{ table.name }}'
                    and staged.activity_type = activity_types.touchpoint_type
        {%- endif %}
        {%- if route == 'identifiers' %}
            {%- for identifier_type, column in table.identifiers %}
                left join {{ ref('dim_customer_identifiers') }} as by_{{ column }}
                    on
                        by_{{ column }}.identifier_type = '{{ identifier_type }}'
                        and cast(staged.{{ column }} as {{ dbt.type_string() }})
                        = by_{{ column }}.identifier_value
            {%- endfor %}
        {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

classified as (

    select
        table_name,
        case
            when
                cast(is_quarantined as integer) + cast(is_superseded as integer)
                + cast(is_in_mart as integer) + cast(is_excluded as integer) != 1
                then 'unaccounted'
            when is_quarantined then 'quarantined'
            when is_superseded then 'superseded'
            when is_in_mart then 'in_mart'
            else 'excluded'
        end as row_class
    from row_flags

),

class_counts as (

    select
        table_name,
        sum(case when row_class = 'in_mart' then 1 else 0 end) as in_mart_rows,
        sum(case when row_class = 'excluded' then 1 else 0 end) as excluded_rows,
        sum(case when row_class = 'superseded' then 1 else 0 end) as superseded_rows,
        sum(case when row_class = 'quarantined' then 1 else 0 end) as quarantined_rows
    from classified
    group by table_name

),

loaded as (

    {% for table in registry %}
        select
            '{{ table.name }}' as table_name,
            count(*) as loaded_rows
        from {{ journey_landing_relation(table.name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

based as (

    {% for table in registry %}
        select
            '{{ table.name }}' as table_name,
            count(*) as based_rows
        from {{ ref(table.base_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

purged as (

    select
        table_name,
        sum(rows_removed) as purged_rows
    from (
        {{ journey_erasure_record('landing_purged', [
            ('table_name', dbt.type_string()), ('rows_removed', dbt.type_bigint()),
        ]) }}
    ) as landing_purged
    group by table_name

),

counted as (

    select
        loaded.table_name,
        loaded.loaded_rows + coalesce(rejected_lines.rejected_lines, 0)
        + coalesce(purged.purged_rows, 0) as raw_rows,
        loaded.loaded_rows - based.based_rows
        + coalesce(purged.purged_rows, 0) as erased_rows,
        coalesce(class_counts.in_mart_rows, 0) as in_mart_rows,
        coalesce(class_counts.excluded_rows, 0) as excluded_rows,
        coalesce(class_counts.superseded_rows, 0) as superseded_rows,
        coalesce(class_counts.quarantined_rows, 0)
        + coalesce(quarantined_lines.quarantined_lines, 0) as quarantined_rows
    from loaded
    left join class_counts
        on loaded.table_name = class_counts.table_name
    left join rejected_lines
        on loaded.table_name = rejected_lines.table_name
    left join quarantined_lines
        on loaded.table_name = quarantined_lines.table_name
    inner join based
        on loaded.table_name = based.table_name
    left join purged
        on loaded.table_name = purged.table_name

),

final as (

    select
        table_name,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(in_mart_rows + excluded_rows as {{ dbt.type_bigint() }}) as used_rows,
        cast(in_mart_rows as {{ dbt.type_bigint() }}) as in_mart_rows,
        cast(excluded_rows as {{ dbt.type_bigint() }}) as excluded_rows,
        cast(superseded_rows as {{ dbt.type_bigint() }}) as superseded_rows,
        cast(quarantined_rows as {{ dbt.type_bigint() }}) as quarantined_rows,
        cast(erased_rows as {{ dbt.type_bigint() }}) as erased_rows,
        cast(
            raw_rows - in_mart_rows - excluded_rows - superseded_rows - quarantined_rows
            - erased_rows
            as {{ dbt.type_bigint() }}
        ) as unaccounted_rows,
        raw_rows = in_mart_rows + excluded_rows + superseded_rows + quarantined_rows
        + erased_rows as is_balanced
    from counted

)

select * from final
