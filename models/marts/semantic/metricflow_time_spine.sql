{#- One row per day from 2000 to 2049: the time spine MetricFlow joins metrics to. Fixed
    bounds, so nothing depends on the date the build runs. -#}

with

days as (

    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('2000-01-01' as date)",
        end_date="cast('2050-01-01' as date)"
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
