{#- Layers land in plainly named schemas (staging, intermediate, marts) rather than
    dbt's default <target>_<custom> prefixing: dashboards read `marts.*` directly. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
