{#- The selected stage model (`var('journey__stage_model')`) as a SQL string literal: the
    `stage_model` column of every stage mart. -#}
{% macro journey_stage_model() -%}
    '{{ var("journey__stage_model") }}'
{%- endmacro %}
