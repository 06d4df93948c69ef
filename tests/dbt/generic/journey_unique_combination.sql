{#- The combination of `columns` is unique in the model (rows where every column is null are
    ignored). -#}
{% test journey_unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
