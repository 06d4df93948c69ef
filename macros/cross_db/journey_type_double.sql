{#- An 8-byte floating point type on every warehouse (dbt's type_float is 4 bytes on DuckDB). -#}
{% macro journey_type_double() -%}
    {{ return(adapter.dispatch('journey_type_double', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__journey_type_double() -%}double precision{%- endmacro %}

{% macro duckdb__journey_type_double() -%}double{%- endmacro %}

{% macro spark__journey_type_double() -%}double{%- endmacro %}
