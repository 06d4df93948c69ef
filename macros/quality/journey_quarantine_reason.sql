{#- Why a staged row cannot be used, or null when it can: every required column that is empty
    and every typed column whose text does not parse, joined by '; ' (with the offending text,
    so a steward sees what arrived). `timestamps` and `numbers` name columns emitted by
    `journey_typed_column`. -#}
{% macro journey_quarantine_reason(required=[], timestamps=[], numbers=[]) -%}
    {%- set typed = timestamps + numbers -%}
    {%- set checks = [] -%}
    {%- for column in required -%}
        {%- set probe = column ~ '_text' if column in typed else column -%}
        {%- do checks.append("case when " ~ probe ~ " is null then 'missing " ~ column ~ "' end") -%}
    {%- endfor -%}
    {%- for column in typed -%}
        {%- set kind = 'timestamp' if column in timestamps else 'number' -%}
        {%- do checks.append(
            "case when " ~ column ~ "_text is not null and " ~ column ~ " is null then "
            ~ dbt.concat(["'unparseable " ~ kind ~ " " ~ column ~ ": '", column ~ "_text"]) ~ " end"
        ) -%}
    {%- endfor -%}
    nullif(concat_ws('; ', {{ checks | join(', ') }}), '')
{%- endmacro %}
