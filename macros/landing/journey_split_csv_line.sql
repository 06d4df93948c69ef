{#- The fields of one CSV line, quotes honoured as the loader's reader honours them (comma
    delimiter, `"` quotes, `""` inside quotes for one `"`; a quote opens a quoted field only at
    the field's start). Returns `{'fields': [...], 'open_quote': bool}`; `open_quote` is true
    when the line ends inside a quoted field. -#}
{% macro journey_split_csv_line(line) -%}
    {%- set text = (line or '') | replace('\r', '') -%}
    {%- set state = namespace(
        fields=[], field='', started=false, quoted=false, skip=false
    ) -%}
    {%- for index in range(text | length) -%}
        {%- set char = text[index] -%}
        {%- if state.skip -%}
            {%- set state.skip = false -%}
        {%- elif state.quoted -%}
            {%- if char == '"' and text[index + 1:index + 2] == '"' -%}
                {%- set state.field = state.field ~ '"' -%}
                {%- set state.skip = true -%}
            {%- elif char == '"' -%}
                {%- set state.quoted = false -%}
            {%- else -%}
                {%- set state.field = state.field ~ char -%}
            {%- endif -%}
        {%- elif char == ',' -%}
            {%- do state.fields.append(state.field) -%}
            {%- set state.field = '' -%}
            {%- set state.started = false -%}
        {%- elif char == '"' and not state.started -%}
            {%- set state.quoted = true -%}
            {%- set state.started = true -%}
        {%- else -%}
            {%- set state.field = state.field ~ char -%}
            {%- set state.started = true -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do state.fields.append(state.field) -%}
    {{ return({'fields': state.fields, 'open_quote': state.quoted}) }}
{%- endmacro %}
