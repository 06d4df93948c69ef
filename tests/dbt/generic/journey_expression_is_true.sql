{#- Every row (optionally limited by `row_filter`) satisfies `expression`. -#}
{% test journey_expression_is_true(model, expression, column_name=none, row_filter=none) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)
{%- if row_filter %}
    and ({{ row_filter }})
{%- endif %}

{% endtest %}
