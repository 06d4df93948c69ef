{#- Keeps one row per `partition_by` key: the first by `order_by`. Portable (no `qualify`). -#}
{% macro journey_first_row_per(relation, partition_by, order_by) -%}
    select ranked.*
    from (
        select
            *,
            row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as _row_rank
        from {{ relation }}
    ) as ranked
    where ranked._row_rank = 1
{%- endmacro %}
