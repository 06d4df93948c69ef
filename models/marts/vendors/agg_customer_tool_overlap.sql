{#- Per pair of tools that delivered rows (a tool folder, or `landing` for the canonical
    files): the customers seen in either, in both, and the share seen in one only. A high share
    says the two tools share no identifier (set `journey__same_person_identifiers` when one
    tool's id is the other's), rather than letting one person silently become two customers. -#}
{%- set keyed = [
    ('crm_contacts', 'base_crm__contacts', 'contact_id'),
    ('crm_orders', 'base_crm__orders', 'order_id'),
    ('support_tickets', 'base_support__tickets', 'ticket_id'),
    ('web_events', 'base_web__events', 'event_id'),
    ('crm_deals', 'base_crm__deals', 'deal_id'),
    ('crm_activities', 'base_crm__activities', 'activity_id'),
    ('survey_nps', 'base_support__nps_responses', 'response_id'),
] -%}

with

{{ journey_import('occurrences', 'int_identity_identifiers_collected') }}
{{ journey_import('resolved', 'int_identifiers_resolved') }}

record_files as (

    {% for table_name, model, key in keyed %}
        select
            '{{ table_name }}' as source_table,
            cast({{ key }} as {{ dbt.type_string() }}) as source_record_id,
            _source_file
        from {{ ref(model) }}
        where quarantine_reason is null
        union all
    {% endfor %}
    select
        'web_identifies' as source_table,
        {{ journey_surrogate_key(['_source_file', '_source_row']) }} as source_record_id,
        _source_file
    from {{ ref('base_web__identifies') }}
    where quarantine_reason is null

),

{# The tools of every file loaded (`landing._files`, a row a file). With one there is no
   pair: the record-level join below (the heaviest part, every identifier occurrence against
   every record) is skipped. #}
delivering_tools as (

    select distinct {{ journey_source_tool('source_file') }} as tool
    from {{ source('landing', 'files') }}

),

record_tools as (

    select distinct
        source_table,
        source_record_id,
        {{ journey_source_tool('_source_file') }} as tool
    from record_files
    where (select count(*) from delivering_tools) > 1

),

customer_tools as (

    select distinct
        resolved.customer_id,
        record_tools.tool
    from occurrences
    inner join record_tools
        on
            occurrences.source_table = record_tools.source_table
            and occurrences.source_record_id = record_tools.source_record_id
    inner join resolved
        on
            occurrences.identifier_type = resolved.identifier_type
            and occurrences.identifier_value = resolved.identifier_value

),

tools as (

    select distinct tool from customer_tools

),

tool_pairs as (

    select
        first_tools.tool as tool_a,
        second_tools.tool as tool_b
    from tools as first_tools
    inner join tools as second_tools
        on first_tools.tool < second_tools.tool

),

pair_customers as (

    select
        tool_pairs.tool_a,
        tool_pairs.tool_b,
        customer_tools.customer_id,
        count(distinct customer_tools.tool) as tools_seen
    from tool_pairs
    inner join customer_tools
        on customer_tools.tool in (tool_pairs.tool_a, tool_pairs.tool_b)
    group by tool_pairs.tool_a, tool_pairs.tool_b, customer_tools.customer_id

),

final as (

    select
        cast(tool_a as {{ dbt.type_string() }}) as tool_a,
        cast(tool_b as {{ dbt.type_string() }}) as tool_b,
        cast(count(*) as {{ dbt.type_bigint() }}) as customers,
        cast(sum(case when tools_seen = 2 then 1 else 0 end) as {{ dbt.type_bigint() }})
            as customers_in_both,
        cast(sum(case when tools_seen = 1 then 1 else 0 end) as {{ dbt.type_bigint() }})
            as customers_in_one_only,
        cast(
            sum(case when tools_seen = 1 then 1 else 0 end) * 1.0 / count(*)
            as {{ journey_type_double() }}
        ) as share_in_one_only
    from pair_customers
    group by tool_a, tool_b

)

select * from final
