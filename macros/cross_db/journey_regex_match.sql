{#- True when `expression` matches the regular expression `pattern` anywhere. -#}
{% macro journey_regex_match(expression, pattern) -%}
    {{ return(adapter.dispatch('journey_regex_match', 'journey_warehouse')(expression, pattern)) }}
{%- endmacro %}

{% macro default__journey_regex_match(expression, pattern) -%}
    ({{ expression }} ~ {{ pattern }})
{%- endmacro %}

{% macro duckdb__journey_regex_match(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro spark__journey_regex_match(expression, pattern) -%}
    ({{ expression }} rlike {{ pattern }})
{%- endmacro %}
