{#- What `load_landing()` will read, checked before anything is written: for every table of
    `journey_landing_registry()`, its files (one `<table>.csv`, `.csv.gz` or `.parquet`, or the
    landing files of a folder `<table>/`, suffixes in any case, hidden files skipped) and, per
    file, how to select each contract column. Returns `{'tables': [...], 'problems': [...],
    'found_any': bool}`: `problems` holds one message per table that cannot be read (not
    found, given twice, header without a required column, a blank or duplicate name, a quoted
    name left open), each naming table, file and column. `listing` comes from
    `journey_landing_listing(raw_dir)`. -#}
{% macro journey_landing_plan(raw_dir, listing) -%}
    {%- set plan = {'tables': [], 'problems': [], 'found_any': false} -%}
    {%- set tools_only = journey_landing_tools_only(listing) -%}
    {%- for table in journey_landing_registry() -%}
        {%- set name = table.name -%}
        {%- set singles = [] -%}
        {%- set parts = [] -%}
        {%- for file in listing if not file.name.startswith('.') -%}
            {%- if file.folder is none and file.name.startswith(name)
                and (file.name[name | length:] | lower) in journey_landing_suffixes() -%}
                {%- do singles.append(file) -%}
            {%- elif file.folder == name and journey_landing_suffix(file.name) -%}
                {%- do parts.append(file) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set places = singles | map(attribute='relative') | list
            + ([name ~ '/'] if parts else []) -%}
        {%- if places | length == 0 and (tools_only or journey_vendor_provides(raw_dir, name)) -%}
            {#- A tool folder feeds this table (load_vendor_landing), or the folder holds tool
                folders only: its own file may be absent, and the canonical table starts
                empty. -#}
            {%- do plan.update({'found_any': true}) -%}
            {%- do plan.tables.append({'name': name, 'columns': table.columns, 'files': []}) -%}
            {%- continue -%}
        {%- endif -%}
        {%- if places | length == 0 and table.optional -%}
            {#- An optional table (erasure_requests) may be absent: it is loaded empty. -#}
            {%- do plan.tables.append({'name': name, 'columns': table.columns, 'files': []}) -%}
            {%- continue -%}
        {%- endif -%}
        {%- if places | length == 0 -%}
            {%- do plan.problems.append(
                "Landing table '" ~ name ~ "' not found in '" ~ raw_dir ~ "': expected "
                ~ name ~ ".csv, " ~ name ~ ".csv.gz, " ~ name ~ ".parquet or a folder "
                ~ name ~ "/ of such files."
            ) -%}
            {%- continue -%}
        {%- endif -%}
        {%- do plan.update({'found_any': true}) -%}
        {%- if places | length > 1 -%}
            {%- do plan.problems.append(
                "Landing table '" ~ name ~ "' is given " ~ places | length ~ " times in '"
                ~ raw_dir ~ "': " ~ places | join(', ') ~ ". Keep one file or one folder per table."
            ) -%}
            {%- continue -%}
        {%- endif -%}
        {%- set planned = {'name': name, 'columns': table.columns, 'files': []} -%}
        {%- for file in singles + parts -%}
            {%- set checked = journey_landing_file_check(name, table.columns, file) -%}
            {%- do plan.problems.extend(checked.problems) -%}
            {%- do planned.files.append(checked.file) -%}
        {%- endfor -%}
        {%- do plan.tables.append(planned) -%}
    {%- endfor -%}
    {{ return(plan) }}
{%- endmacro %}


{#- True when the listing has files in a tool folder (`journey_vendor_tables()`) and not one
    canonical landing file: a folder of tool exports, where a table no tool feeds (orders,
    NPS) is read as empty. The Python side is `journey.contract.tools_only`. -#}
{% macro journey_landing_tools_only(listing) -%}
    {%- set tools = journey_vendor_tables() | map(attribute='tool') | unique | list -%}
    {%- set names = journey_landing_registry() | map(attribute='name') | list -%}
    {%- set found = {'tool': false, 'canonical': false} -%}
    {%- for file in listing if not file.name.startswith('.') -%}
        {%- if file.folder in tools -%}
            {%- do found.update({'tool': true}) -%}
        {%- elif file.folder in names and journey_landing_suffix(file.name) -%}
            {%- do found.update({'canonical': true}) -%}
        {%- elif file.folder is none -%}
            {%- for name in names if file.name.startswith(name)
                and (file.name[name | length:] | lower) in journey_landing_suffixes() -%}
                {%- do found.update({'canonical': true}) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found.tool and not found.canonical) }}
{%- endmacro %}
