{#- ISO-8601 text to a UTC timestamp without time zone; an offset is honoured, no offset means
    UTC, fractional seconds are kept. Text that is not a timestamp becomes null (callers
    quarantine it). -#}
{% macro parse_timestamp_utc(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp_utc(expression) -%}
    cast({{ expression }} as timestamp with time zone) at time zone 'UTC'
{%- endmacro %}

{% macro duckdb__parse_timestamp_utc(expression) -%}
    timezone('UTC', try_cast({{ expression }} as timestamptz))
{%- endmacro %}
