{#- Segment `identifies` as web_identifies, one row per identify call. -#}
with

identifies as (

    select * from {{ journey_vendor_relation('segment', 'identifies') }}

),

mapped as (

    select
        anonymous_id,
        user_id,
        email,
        timestamp as identified_at,
        _source_file,
        _source_row
    from identifies

)

select * from mapped
