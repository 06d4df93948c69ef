{#- What a base model reads for one canonical landing table (SPEC §1): its own landing file
    unioned with every tool adapter that maps onto it (`<tool>__<table>` models, one per tool
    that feeds the table in `journey_vendor_tables()`). Each row keeps the file it came from in
    `_source_file`, so a vendor row is quarantined and reconciled like a canonical one. -#}
{% macro journey_landing_relation(table_name) -%}
    {%- set entry = none -%}
    {%- for table in journey_landing_registry() if table.name == table_name -%}
        {%- set entry = table -%}
        {%- do return(journey_landing_union(table, journey_vendor_adapters(table_name))) -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("journey_landing_relation: no landing table '" ~ table_name ~ "'") }}
{%- endmacro %}


{#- The adapter models that feed one canonical table, in tool order. -#}
{% macro journey_vendor_adapters(table_name) -%}
    {%- set models = [] -%}
    {%- for vendor_table in journey_vendor_tables() -%}
        {%- set model = vendor_table.tool ~ "__" ~ table_name -%}
        {%- if vendor_table.feeds == table_name and model not in models -%}
            {%- do models.append(model) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(models) }}
{%- endmacro %}


{% macro journey_landing_union(table, adapter_models) -%}
    {%- set column_list = [] -%}
    {%- for column in table.columns -%}{%- do column_list.append(column) -%}{%- endfor -%}
    {%- do column_list.append('_source_file') -%}
    {%- do column_list.append('_source_row') -%}
    {%- set parts = [
        "select " ~ column_list | join(', ') ~ " from " ~ source(table.source, table.source_table)
    ] -%}
    {%- for model in adapter_models -%}
        {%- do parts.append("select " ~ column_list | join(', ') ~ " from " ~ ref(model)) -%}
    {%- endfor -%}
    {{ return("(" ~ parts | join(" union all ") ~ ") as landed_" ~ table.name) }}
{%- endmacro %}


{#- A tool table as loaded by `load_vendor_landing()`: `landing.<tool>__<table>`. Spark's
    relations have no database (its target defines none). -#}
{% macro journey_vendor_relation(tool, table) -%}
    {{ return(api.Relation.create(
        database=target.get('database'),
        schema=journey_landing_schema(),
        identifier=tool ~ '__' ~ table
    )) }}
{%- endmacro %}
