{#- Every file in the landing folder and in its direct subfolders, names taken literally, in
    name order: a list of dicts with `path` (as the readers open it), `relative` (the name
    below the folder, `<folder>/<name>` for a file in a subfolder), `folder` (none at the top),
    `name` and `bytes`. DuckDB lists files only, never folders: a folder is known by its files.
    Runs queries, so call it only when `execute` is true. -#}
{% macro journey_landing_listing(raw_dir) -%}
    {%- set base = journey_glob_escape(raw_dir) -%}
    {%- set files = [] -%}
    {%- for depth in [1, 2] -%}
        {%- set pattern = journey_sql_string(base ~ '/*' * depth) -%}
        {%- set found = run_query("select count(*) from glob(" ~ pattern ~ ")") -%}
        {%- if found.columns[0].values()[0] > 0 -%}
            {%- set listed = run_query(
                "select filename, size from read_blob(" ~ pattern ~ ") order by filename"
            ) -%}
            {%- for row in listed.rows -%}
                {%- set parts = row[0].split('/') -%}
                {%- do files.append({
                    'path': row[0],
                    'relative': parts[-depth:] | join('/'),
                    'folder': parts[-2] if depth == 2 else none,
                    'name': parts[-1],
                    'bytes': row[1]
                }) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(files | sort(attribute='relative', case_sensitive=true)) }}
{%- endmacro %}
