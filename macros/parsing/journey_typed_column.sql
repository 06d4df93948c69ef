{#- A landing text column parsed to `kind` ('timestamp', 'number' or 'integer': a count, a
    number within the integer range), emitted twice: the parsed
    value under the column's name and the cleaned text as `<column>_text`, so
    `journey_quarantine_reason` can tell an empty value from one that does not parse. -#}
{% macro journey_typed_column(column, kind) -%}
    {%- if kind == 'timestamp' -%}
        {{ parse_timestamp_utc(clean_text(column)) }} as {{ column }},
    {%- elif kind == 'number' -%}
        {{ journey_safe_number(clean_text(column)) }} as {{ column }},
    {%- elif kind == 'integer' -%}
        {{ journey_safe_integer(clean_text(column)) }} as {{ column }},
    {%- else -%}
        {{ exceptions.raise_compiler_error("journey_typed_column: unknown kind '" ~ kind ~ "'") }}
    {%- endif %}
        {{ clean_text(column) }} as {{ column }}_text
{%- endmacro %}
