{#- Text to a double, or null when it is not a number by the contract: it must match
    `journey_number_pattern()` (plain decimals with an optional exponent; no `NaN`/`inf` words,
    no digit separators such as `1_000` or `1,000`) and be finite after the cast (`1e400` is
    not). Callers quarantine the null. Expects trimmed text (`clean_text`). -#}
{% macro journey_safe_number(expression) -%}
    {{ return(adapter.dispatch('journey_safe_number', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{#- Approximate elsewhere: the pattern is checked, an overflowing value is left to the cast. -#}
{% macro default__journey_safe_number(expression) -%}
    case
        when {{ journey_regex_match(expression, journey_sql_string(journey_number_pattern())) }}
            then cast({{ expression }} as {{ journey_type_double() }})
    end
{%- endmacro %}

{% macro duckdb__journey_safe_number(expression) -%}
    case
        when {{ journey_regex_match(expression, journey_sql_string(journey_number_pattern())) }}
            and isfinite(try_cast({{ expression }} as {{ journey_type_double() }}))
            then try_cast({{ expression }} as {{ journey_type_double() }})
    end
{%- endmacro %}
