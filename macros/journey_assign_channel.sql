{#- Joins `relation` (with columns `key`, utm_medium, utm_source, referrer) to the
    `channel_rules` seed and keeps, per key, the channel of the first rule (lowest rule_order)
    whose non-empty regular expressions all match the lower-cased values. Rows no rule matches
    get null; the default seed ends with a catch-all `direct`. -#}
{% macro journey_assign_channel(relation, key) -%}
    select
        candidates.{{ key }},
        candidates.channel
    from (
        select
            {{ relation }}.{{ key }},
            channel_rules.channel,
            row_number() over (
                partition by {{ relation }}.{{ key }} order by channel_rules.rule_order
            ) as rule_rank
        from {{ relation }}
        inner join {{ ref('channel_rules') }} as channel_rules
            on (
                channel_rules.utm_medium_regex is null
                or {{ journey_regex_match(
                    'lower(' ~ relation ~ '.utm_medium)', 'channel_rules.utm_medium_regex'
                ) }}
            )
            and (
                channel_rules.utm_source_regex is null
                or {{ journey_regex_match(
                    'lower(' ~ relation ~ '.utm_source)', 'channel_rules.utm_source_regex'
                ) }}
            )
            and (
                channel_rules.referrer_regex is null
                or {{ journey_regex_match(
                    'lower(' ~ relation ~ '.referrer)', 'channel_rules.referrer_regex'
                ) }}
            )
    ) as candidates
    where candidates.rule_rank = 1
{%- endmacro %}
