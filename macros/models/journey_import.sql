{#- An import CTE (house style: import CTEs first): `<name> as (select * from ref(<model>))`,
    with `where <where>` when given, and the comma that ends it; the next CTE follows. -#}
{% macro journey_import(name, model, where=none) -%}
{{ name }} as (

    select * from {{ ref(model) }}
    {%- if where %}
    where {{ where }}
    {%- endif %}

),
{%- endmacro %}
