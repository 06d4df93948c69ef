{#- One row per erasure request that erased somebody: when it was asked, when the run that
    carried it out published, how many identifiers it put on the suppression list, and how many
    rows or files each store lost. Counts only: no identifier, no hash. The per-store counts
    come from `erasure.purge_log`, which the orchestrated run writes (orchestration/erasure.py);
    a bare `dbt build` erases through the base models only and records no store counts. -#}

with

{{ journey_import('suppressions', 'erasure_suppressions') }}

requests as (

    select
        request_id,
        min(requested_at) as requested_at,
        count(*) as identifiers_erased
    from suppressions
    group by request_id

),

purges as (

    {{ journey_erasure_record('purge_log', [
        ('request_id', dbt.type_string()),
        ('erased_at', dbt.type_timestamp()),
        ('store', dbt.type_string()),
        ('rows_removed', dbt.type_bigint()),
    ]) }}

),

per_request as (

    select
        request_id,
        min(erased_at) as erased_at,
        sum(case when store = 'landing_rows' then rows_removed else 0 end)
            as landing_rows_removed,
        sum(case when store = 'rejected_lines' then rows_removed else 0 end)
            as rejected_lines_removed,
        sum(case when store = 'warehouse_rows' then rows_removed else 0 end)
            as warehouse_rows_removed,
        sum(case when store = 'report_files' then rows_removed else 0 end)
            as report_files_removed,
        sum(case when store = 'dagster_runs' then rows_removed else 0 end)
            as dagster_runs_removed
    from purges
    group by request_id

),

final as (

    select
        requests.request_id,
        requests.requested_at,
        per_request.erased_at,
        cast(requests.identifiers_erased as {{ dbt.type_bigint() }}) as identifiers_erased,
        cast(coalesce(per_request.landing_rows_removed, 0) as {{ dbt.type_bigint() }})
            as landing_rows_removed,
        cast(coalesce(per_request.rejected_lines_removed, 0) as {{ dbt.type_bigint() }})
            as rejected_lines_removed,
        cast(coalesce(per_request.warehouse_rows_removed, 0) as {{ dbt.type_bigint() }})
            as warehouse_rows_removed,
        cast(coalesce(per_request.report_files_removed, 0) as {{ dbt.type_bigint() }})
            as report_files_removed,
        cast(coalesce(per_request.dagster_runs_removed, 0) as {{ dbt.type_bigint() }})
            as dagster_runs_removed
    from requests
    left join per_request
        on requests.request_id = per_request.request_id

)

select * from final
