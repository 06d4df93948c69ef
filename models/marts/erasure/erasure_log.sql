{#- One row per erasure request that erased somebody: when it was asked, when the run that
    carried it out published, how many identifiers it put on the suppression list, and how many
    rows or files each store lost. Counts only: no identifier, no hash. The per-store counts
    come from `erasure.purge_log`, which the orchestrated run writes (orchestration/erasure.py);
    a bare `dbt build` erases through the base models only and records no store counts. -#}
{%- set purge_log = adapter.get_relation(
    database=target.database, schema='erasure', identifier='purge_log'
) if execute else none %}
{%- set stores = [
    'landing_rows', 'rejected_lines', 'warehouse_rows', 'report_files', 'dagster_runs'
] %}

with

suppressions as (

    select * from {{ ref('erasure_suppressions') }}

),

requests as (

    select
        request_id,
        min(requested_at) as requested_at,
        count(*) as identifiers_erased
    from suppressions
    group by request_id

),

purges as (

    {% if purge_log is not none -%}
        select
            request_id,
            erased_at,
            store,
            rows_removed
        from {{ purge_log }}
    {%- else -%}
        select
            cast(null as {{ dbt.type_string() }}) as request_id,
            cast(null as {{ dbt.type_timestamp() }}) as erased_at,
            cast(null as {{ dbt.type_string() }}) as store,
            cast(0 as {{ dbt.type_bigint() }}) as rows_removed
        where false
    {%- endif %}

),

per_request as (

    select
        request_id,
        min(erased_at) as erased_at,
        {%- for store in stores %}
            sum(case when store = '{{ store }}' then rows_removed else 0 end)
                as {{ store }}_removed{{ ',' if not loop.last }}
        {%- endfor %}
    from purges
    group by request_id

),

final as (

    select
        requests.request_id,
        requests.requested_at,
        per_request.erased_at,
        cast(requests.identifiers_erased as {{ dbt.type_bigint() }}) as identifiers_erased,
        {%- for store in stores %}
            cast(coalesce(per_request.{{ store }}_removed, 0) as {{ dbt.type_bigint() }})
                as {{ store }}_removed{{ ',' if not loop.last }}
        {%- endfor %}
    from requests
    left join per_request
        on requests.request_id = per_request.request_id

)

select * from final
