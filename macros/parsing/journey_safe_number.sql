{#- Text to a double; text that is not a number becomes null (callers quarantine it). -#}
{% macro journey_safe_number(expression) -%}
    {{ return(adapter.dispatch('journey_safe_number', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__journey_safe_number(expression) -%}
    case
        when trim({{ expression }}) ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then cast(trim({{ expression }}) as {{ journey_type_double() }})
    end
{%- endmacro %}

{% macro duckdb__journey_safe_number(expression) -%}
    try_cast({{ expression }} as {{ journey_type_double() }})
{%- endmacro %}
