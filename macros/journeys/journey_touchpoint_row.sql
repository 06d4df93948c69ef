{#- The select list of one source's rows in `int_touchpoints_unioned`: SPEC §3's touchpoint
    columns in one order and type, each SQL expression given or a typed null. -#}
{% macro journey_touchpoint_row(
    source_table, record_id, touchpoint_type, occurred_at,
    channel=none, contact_id=none, user_id=none, email=none, anonymous_id=none,
    revenue_usd=none, is_conversion='false', nps_score=none
) -%}
    {%- set string = dbt.type_string() -%}
    {%- set typed = [
        ('channel', channel, string),
        ('contact_id', contact_id, string),
        ('user_id', user_id, string),
        ('email', email, string),
        ('anonymous_id', anonymous_id, string),
        ('revenue_usd', revenue_usd, journey_type_double()),
    ] -%}
    '{{ source_table }}' as source_table,
    {{ record_id }} as source_record_id,
    {{ touchpoint_type }} as touchpoint_type,
    {{ occurred_at }} as occurred_at,
    {%- for name, expression, type in typed %}
    {{ expression if expression is not none else 'cast(null as ' ~ type ~ ')' }} as {{ name }},
    {%- endfor %}
    {{ is_conversion }} as is_conversion,
    {{ nps_score if nps_score is not none else 'cast(null as integer)' }} as nps_score
{%- endmacro %}
