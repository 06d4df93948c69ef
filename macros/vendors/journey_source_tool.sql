{#- The tool a landing row came from, from its `_source_file`: the tool folder under the
    landing folder (`<landing>/hubspot/contact.csv` is `hubspot`), else `landing` (a canonical
    file). -#}
{% macro journey_source_tool(column) -%}
    {%- set raw_dir = journey_vendor_sql_text(var('journey__raw_dir') | string) -%}
    {%- set tools = [] -%}
    {%- for vendor_table in journey_vendor_tables() if vendor_table.tool not in tools -%}
        {%- do tools.append(vendor_table.tool) -%}
    {%- endfor -%}
    case
        {%- for tool in tools %}
            when {{ column }} like '{{ raw_dir }}/{{ tool }}/%' then '{{ tool }}'
        {%- endfor %}
        else 'landing'
    end
{%- endmacro %}
