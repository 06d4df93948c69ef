{#- Why a staged row cannot be used, or null when it can: every required column that is empty,
    every typed column whose text does not parse, and every timestamp after the load horizon
    (`journey_load_horizon_at()`), joined by '; ' (with the offending text, so a steward sees
    what arrived). `timestamps` and `numbers` name columns emitted by `journey_typed_column`.
    `replaced_when_ahead` maps a timestamp that staging replaces by another column when it runs
    ahead (SPEC §1 clock skew: event_at → received_at) to that column: such a timestamp is held
    to the horizon only when the other column is empty. -#}
{% macro journey_quarantine_reason(required=[], timestamps=[], numbers=[], replaced_when_ahead={}) -%}
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
    {%- for column in timestamps -%}
        {%- set unless = (" and " ~ replaced_when_ahead[column] ~ " is null")
            if column in replaced_when_ahead else "" -%}
        {%- do checks.append(
            "case when " ~ column ~ " > " ~ journey_load_horizon_at() ~ unless ~ " then "
            ~ dbt.concat(["'timestamp after the load horizon " ~ column ~ ": '", column ~ "_text"])
            ~ " end"
        ) -%}
    {%- endfor -%}
    nullif(concat_ws('; ', {{ checks | join(', ') }}), '')
{%- endmacro %}
