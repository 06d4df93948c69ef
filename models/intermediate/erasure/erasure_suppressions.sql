{#- The suppression list: every identifier of every erased person, as identifier_type and keyed
    hash, never the value. Incremental, so it outlives the requests: the orchestrated run
    carries it from the published warehouse into its build, and a bare `dbt build` keeps it in
    its file. Each build resolves the whole identity component of every request and of every
    identifier already on the list, and adds the identifiers found; base models leave out the
    rows that carry any of them (`journey_erasure_filter`). -#}
{{ config(materialized='incremental', schema='erasure', on_schema_change='fail') }}

{%- if execute and not journey_privacy_key_set() -%}
    {%- set pending = run_query(
        'select count(*) from ' ~ source('erasure', 'requests')
    ).columns[0].values()[0] -%}
    {%- if pending > 0 -%}
        {{ exceptions.raise_compiler_error(
            "erasure_requests holds " ~ pending ~ " request(s) but JOURNEY_PRIVACY_KEY is not"
            ~ " set: the suppression list keeps keyed hashes only. Set the key (`journey run`"
            ~ " creates one next to the warehouse) and build again."
        ) }}
    {%- endif -%}
{%- endif %}

with

requests as (

    select
        request_id,
        requested_at,
        identifier_type,
        identifier_hash
    from {{ ref('stg_erasure__requests') }}
    where identifier_hash is not null

),

previous as (

    {% if is_incremental() -%}
        select
            request_id,
            requested_at,
            identifier_type,
            identifier_hash
        from {{ this }}
    {%- else -%}
        select
            cast(null as {{ dbt.type_string() }}) as request_id,
            cast(null as {{ dbt.type_timestamp() }}) as requested_at,
            cast(null as {{ dbt.type_string() }}) as identifier_type,
            cast(null as {{ dbt.type_string() }}) as identifier_hash
        where false
    {%- endif %}

),

named as (

    select * from requests
    union all
    select * from previous

),

identifiers as (

    select
        identifier_type,
        customer_id,
        {{ journey_keyed_hash('identifier_value') }} as identifier_hash
    from {{ ref('int_identifiers_resolved') }}

),

erased_customers as (

    select
        identifiers.customer_id,
        min(named.request_id) as request_id,
        min(named.requested_at) as requested_at
    from identifiers
    inner join named
        on
            identifiers.identifier_type = named.identifier_type
            and identifiers.identifier_hash = named.identifier_hash
    group by identifiers.customer_id

),

components as (

    select
        erased_customers.request_id,
        erased_customers.requested_at,
        identifiers.identifier_type,
        identifiers.identifier_hash
    from identifiers
    inner join erased_customers
        on identifiers.customer_id = erased_customers.customer_id

),

candidates as (

    select * from components
    union all
    select * from requests

),

suppressed as (

    select
        identifier_type,
        identifier_hash,
        min(request_id) as request_id,
        min(requested_at) as requested_at
    from candidates
    group by
        identifier_type,
        identifier_hash

),

final as (

    select
        suppressed.request_id,
        suppressed.requested_at,
        suppressed.identifier_type,
        suppressed.identifier_hash
    from suppressed
    left join previous
        on
            suppressed.identifier_type = previous.identifier_type
            and suppressed.identifier_hash = previous.identifier_hash
    where previous.identifier_hash is null

)

select * from final
