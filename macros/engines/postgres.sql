{#-
    Postgres variants of the dispatched macros. Text that does not parse becomes null, as
    DuckDB's try_cast makes it: the registry's patterns (journey_timestamp_pattern,
    journey_number_pattern) pick the candidates and two small functions, created by the
    on-run-start hook, turn a value Postgres still refuses (2024-02-30) into null instead of
    failing the build; a number out of double's range (1e999) becomes null, as DuckDB's parse
    (which requires a finite value) makes it.
-#}
{% macro postgres__parse_timestamp_utc(expression) -%}
    case
        when {{ journey_regex_match(expression, "'" ~ journey_timestamp_pattern() ~ "'") }}
            then {{ target.schema }}.journey_try_timestamptz({{ expression }}) at time zone 'UTC'
    end
{%- endmacro %}

{% macro postgres__journey_safe_number(expression) -%}
    case
        when {{ journey_regex_match('trim(' ~ expression ~ ')', "'" ~ journey_number_pattern() ~ "'") }}
            then {{ target.schema }}.journey_try_double(trim({{ expression }}))
    end
{%- endmacro %}

{#- extract(epoch ...) is numeric on Postgres; the models compute in doubles. -#}
{% macro postgres__journey_seconds_between(start, end) -%}
    cast(extract(epoch from ({{ end }} - {{ start }})) as {{ journey_type_double() }})
{%- endmacro %}

{#- The safe casts the parsing macros call; created (replaced) at the start of every run. -#}
{% macro journey_postgres_create_functions() -%}
    {% do run_query(
        "create or replace function " ~ target.schema ~ ".journey_try_timestamptz(value text)"
        ~ " returns timestamptz language plpgsql immutable as $$"
        ~ " begin return value::timestamptz; exception when others then return null; end $$"
    ) %}
    {#- Out of double's range or not finite: null, as the DuckDB parse (isfinite) makes it,
        so the row is quarantined as an unparseable number on every engine. -#}
    {% do run_query(
        "create or replace function " ~ target.schema ~ ".journey_try_double(value text)"
        ~ " returns double precision language plpgsql immutable as $$"
        ~ " declare parsed double precision;"
        ~ " begin parsed := value::double precision;"
        ~ " return case when parsed in ('Infinity', '-Infinity', 'NaN') then null else parsed end;"
        ~ " exception when others then return null; end $$"
    ) %}
{%- endmacro %}
