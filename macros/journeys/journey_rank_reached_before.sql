{#- The highest stage rank among the earlier rows of the same partition (null on its first row):
    the stage a customer or account had reached before this touch or entry. -#}
{% macro journey_rank_reached_before(partition_by, order_by) -%}
    max(stage_rank) over (
        partition by {{ partition_by }}
        order by {{ order_by }}
        rows between unbounded preceding and 1 preceding
    )
{%- endmacro %}
