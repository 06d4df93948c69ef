{#- One landing file of `table_name` checked before the load: its header (CSV, quotes honoured,
    or Parquet schema) against the contract `columns`. Returns `{'file': {...}, 'problems':
    [...]}`; the file dict says how to read it (`format`, `compression`) and, in `select`, the
    expression that reads each contract column (by position for CSV, by name for Parquet).
    Problems name table, file and column: a required column missing, a blank name, a contract
    column named twice (after lower/trim), a header that ends inside a quoted name. A
    zero-byte file is a valid, empty table and is not opened. -#}
{% macro journey_landing_file_check(table_name, columns, file) -%}
    {%- set suffix = journey_landing_suffix(file.name) -%}
    {%- set checked = {
        'file': {
            'path': file.path,
            'relative': file.relative,
            'bytes': file.bytes,
            'format': 'parquet' if suffix == '.parquet' else 'csv',
            'compression': 'gzip' if suffix == '.csv.gz' else 'none',
            'select': {}
        },
        'problems': []
    } -%}
    {%- if file.bytes == 0 -%}{{ return(checked) }}{%- endif -%}
    {%- set where = "Landing table '" ~ table_name ~ "' (" ~ file.path ~ "): " -%}

    {%- if checked.file.format == 'csv' -%}
        {%- set header = journey_csv_header(file.path, checked.file.compression) -%}
        {%- set written = header.fields -%}
        {%- if header.open_quote -%}
            {%- do checked.problems.append(
                where ~ "the header line ends inside a quoted column name ('"
                ~ written[-1] ~ "'): a name cannot hold a line break or an unclosed quote."
            ) -%}
            {{ return(checked) }}
        {%- endif -%}
    {%- else -%}
        {%- set described = run_query(
            "describe select * from read_parquet("
            ~ journey_sql_string(journey_glob_escape(file.path)) ~ ")"
        ) -%}
        {%- set written = described.columns[0].values() | list -%}
    {%- endif -%}

    {%- set names = [] -%}
    {%- for name in written -%}
        {%- do names.append(name.replace('\ufeff', '').strip().lower()) -%}
    {%- endfor -%}

    {%- set blank = [] -%}
    {%- for name in names if name == '' -%}{%- do blank.append(loop.index | string) -%}{%- endfor -%}
    {%- if blank -%}
        {%- do checked.problems.append(
            where ~ "header column" ~ ("s " if blank | length > 1 else " ") ~ blank | join(', ')
            ~ (" have" if blank | length > 1 else " has") ~ " a blank name (an exported row"
            ~ " index?): give every column a name or drop it."
        ) -%}
    {%- endif -%}

    {%- for column in columns if names.count(column) > 1 -%}
        {%- set spellings = [] -%}
        {%- for position in range(names | length) if names[position] == column -%}
            {%- do spellings.append("'" ~ written[position] ~ "'") -%}
        {%- endfor -%}
        {%- do checked.problems.append(
            where ~ "column '" ~ column ~ "' is named " ~ spellings | length ~ " times in the"
            ~ " header (" ~ spellings | join(', ') ~ ", compared lower-cased and trimmed):"
            ~ " keep one."
        ) -%}
    {%- endfor -%}

    {%- set missing = [] -%}
    {%- for column in columns if column not in names -%}{%- do missing.append(column) -%}{%- endfor -%}
    {%- if missing -%}
        {%- set with_comma = [] -%}
        {%- for name in written if ',' in name -%}
            {%- do with_comma.append("'" ~ name ~ "'") -%}
        {%- endfor -%}
        {%- do checked.problems.append(
            where ~ "required column" ~ ("s " if missing | length > 1 else " ") ~ "'"
            ~ missing | join("', '") ~ "' missing. Columns found: " ~ names | join(', ')
            ~ (
                ". The header holds a quoted name with a comma, read as one column: "
                ~ with_comma | join(', ') if with_comma else ""
            )
        ) -%}
    {%- endif -%}

    {%- for column in columns if column in names -%}
        {%- set position = names.index(column) -%}
        {%- if checked.file.format == 'csv' -%}
            {%- do checked.file.select.update({column: 'column' ~ position}) -%}
        {%- else -%}
            {%- do checked.file.select.update(
                {column: '"' ~ written[position] | replace('"', '""') ~ '"'}
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do checked.file.update({'width': names | length}) -%}
    {{ return(checked) }}
{%- endmacro %}
