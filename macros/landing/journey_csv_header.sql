{#- The header of a landing CSV file (gzip when `compression` is 'gzip'): its first line read
    as one text value, then split with `journey_split_csv_line` (quotes honoured), names as
    written. Returns `{'fields': [...], 'open_quote': bool}`. -#}
{% macro journey_csv_header(path, compression='none') -%}
    {%- set first_line = run_query(
        "select column0 from read_csv(" ~ journey_sql_string(journey_glob_escape(path))
        ~ ", header = false, auto_detect = false, columns = {'column0': 'varchar'},"
        ~ " delim = '\x1f', quote = '', escape = '', strict_mode = false,"
        ~ " ignore_errors = true, compression = '" ~ compression ~ "') limit 1"
    ) -%}
    {%- if first_line.rows | length == 0 -%}
        {{ return({'fields': [], 'open_quote': false}) }}
    {%- endif -%}
    {{ return(journey_split_csv_line(first_line.rows[0][0])) }}
{%- endmacro %}
