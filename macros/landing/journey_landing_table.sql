{#- One table of the landing registry by name; an unknown name is a compile error. -#}
{% macro journey_landing_table(table_name) -%}
    {%- for table in journey_landing_registry() -%}
        {%- if table.name == table_name -%}{{ return(table) }}{%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("Not a landing table: '" ~ table_name ~ "'") }}
{%- endmacro %}
