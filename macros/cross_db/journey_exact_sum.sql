{#-
    sum() of a double column that does not depend on the order the rows are read: each term
    as decimal(38, scale), added exactly, the total as a double. A sum of doubles differs in
    its last bits with the order of addition, which depends on threads on every engine, so
    two builds of the same data would otherwise disagree on lifetime revenue. A term with at
    most `scale` decimals (money) keeps its value exactly.
-#}
{% macro journey_exact_sum(expression, scale=9) -%}
    cast(sum(cast({{ expression }} as decimal(38, {{ scale }}))) as {{ journey_type_double() }})
{%- endmacro %}
