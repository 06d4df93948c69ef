{#- The body of a tool adapter model `<tool>__<table>` from its entry in
    `journey_vendor_mappings()`: the tool tables and vendor seeds it reads, then one CTE per
    mapped tool table with the canonical `<table>` columns in landing order plus `_source_file`
    and `_source_row`, unioned. An adapter with helper CTEs of its own (the first associated
    contact, a stage's flags) writes `journey_vendor_imports()`, its CTEs, then
    `journey_vendor_mapped()`. -#}
{% macro journey_vendor_adapter(model_name) -%}
    {{ journey_vendor_imports(model_name) }}
    {{ journey_vendor_mapped(model_name) }}
{%- endmacro %}


{#- `with` and the import CTEs of an adapter, each followed by a comma. -#}
{% macro journey_vendor_imports(model_name) -%}
    {%- set mapping = journey_vendor_mapping(model_name) -%}
    {%- set tool = model_name.split('__')[0] -%}
    with
    {% for name, table in mapping.imports.items() %}
    {{ name }} as (

        select * from {{ journey_vendor_relation(tool, table) }}

    ),
    {% endfor %}
    {%- for name, seed in mapping.get('lookups', {}).items() %}
    {{ name }} as (

        select * from {{ ref(seed) }}
        where tool = '{{ tool }}'

    ),
    {% endfor %}
{%- endmacro %}


{#- The mapped CTEs of an adapter and its final select. -#}
{% macro journey_vendor_mapped(model_name) -%}
    {%- set mapping = journey_vendor_mapping(model_name) -%}
    {%- set table = journey_landing_table(model_name.split('__')[1]) -%}
    {%- for part in mapping.parts %}
    {{ part.from }}_mapped as (

        select
            {%- for column in table.columns %}
            {{ journey_vendor_column(part, column) }} as {{ column }},
            {%- endfor %}
            {{ part.from }}._source_file,
            {{ part.from }}._source_row
        from {{ part.from }}
        {%- for joined, condition in part.get('joins', {}).items() %}
        left join {{ joined }}
            on {{ condition }}
        {%- endfor %}

    ),
    {% endfor %}
    unioned as (

        {%- for part in mapping.parts %}
        select * from {{ part.from }}_mapped
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}

    )

    select * from unioned
{%- endmacro %}


{#- SQL for one canonical column of a mapped part (see `journey_vendor_mappings()`). -#}
{% macro journey_vendor_column(part, column) -%}
    {%- if column not in part.columns -%}
        {{ return(part.from ~ '.' ~ column) }}
    {%- endif -%}
    {%- set value = part.columns[column] -%}
    {%- if value is none -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- elif value is string -%}
        {{ return(value) }}
    {%- endif -%}
    {{ return(journey_first_non_blank(value)) }}
{%- endmacro %}


{#- One adapter's entry in `journey_vendor_mappings()`; its columns must be canonical ones. -#}
{% macro journey_vendor_mapping(model_name) -%}
    {%- set mappings = journey_vendor_mappings() -%}
    {%- if model_name not in mappings -%}
        {{ exceptions.raise_compiler_error(
            "journey_vendor_adapter: no mapping for '" ~ model_name ~ "' in journey_vendor_mappings()"
        ) }}
    {%- endif -%}
    {%- set mapping = mappings[model_name] -%}
    {%- set table = journey_landing_table(model_name.split('__')[1]) -%}
    {%- for part in mapping.parts -%}
        {%- for column in part.columns if column not in table.columns -%}
            {{ exceptions.raise_compiler_error(
                "journey_vendor_mappings: '" ~ model_name ~ "' maps '" ~ column
                ~ "', which is not a column of landing table '" ~ table.name ~ "'"
            ) }}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(mapping) }}
{%- endmacro %}
