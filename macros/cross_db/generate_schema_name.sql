{#- Layers land in plainly named schemas (staging, intermediate, marts) rather than
    dbt's default <target>_<custom> prefixing: dashboards read `marts.*` directly. A run that
    publishes by renaming schemas (Postgres) builds them with its suffix: `marts__build`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}{{ journey_schema_suffix() }}
    {%- endif -%}
{%- endmacro %}

{#- JOURNEY_SCHEMA_SUFFIX: empty for a plain build; `__build` while the orchestrated Postgres run
    builds beside the published schemas (orchestration/publish_postgres.py). -#}
{% macro journey_schema_suffix() -%}
    {%- set suffix = env_var('JOURNEY_SCHEMA_SUFFIX', '') -%}
    {%- if suffix and not modules.re.match('^__[a-z0-9_]+$', suffix) -%}
        {{ exceptions.raise_compiler_error("JOURNEY_SCHEMA_SUFFIX '" ~ suffix ~ "': expected __ followed by lower-case letters, digits or _") }}
    {%- endif -%}
    {{- return(suffix) -}}
{%- endmacro %}

{#- The schema the landing tables are in (`landing`, with the run's suffix). -#}
{% macro journey_landing_schema() -%}
    {{- return('landing' ~ journey_schema_suffix()) -}}
{%- endmacro %}
