{#- ISO-8601 text to a UTC timestamp without time zone; an offset is honoured, no offset means
    UTC, fractional seconds are kept, a date alone is its midnight. The text must match
    `journey_timestamp_pattern()` (so `infinity`, `epoch`, `now` and named zones are no
    timestamps) and cast (so `2024-02-30` is none). Anything else becomes null (callers
    quarantine it). Expects trimmed text (`clean_text`). -#}
{% macro parse_timestamp_utc(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{#- Approximate elsewhere: the pattern is checked, an impossible date is left to the cast. -#}
{% macro default__parse_timestamp_utc(expression) -%}
    case
        when {{ journey_regex_match(expression, journey_sql_string(journey_timestamp_pattern())) }}
            then cast({{ expression }} as timestamp with time zone) at time zone 'UTC'
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp_utc(expression) -%}
    case
        when {{ journey_regex_match(expression, journey_sql_string(journey_timestamp_pattern())) }}
            then timezone('UTC', try_cast({{ expression }} as timestamptz))
    end
{%- endmacro %}
