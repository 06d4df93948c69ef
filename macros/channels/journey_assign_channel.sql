{#- Channel of each distinct (utm_medium, utm_source, referrer) in `relation`, by the
    `channel_rules` seed: the first rule (lowest rule_order) whose non-empty regular expressions
    all match the lower-cased values wins; an empty expression is no condition. A referrer whose
    host is one of the site's own (`internal_hosts` seed: the host itself or any subdomain of
    it) is no referral (SPEC §3): the rules see no referrer, so without UTMs it is `direct`.
    Rules run once per distinct combination, not per row; join back with
    `journey_channel_join`. -#}
{% macro journey_assign_channel(relation) -%}
    {%- set matches -%}
        (
            select
                combinations.utm_medium,
                combinations.utm_source,
                combinations.referrer,
                channel_rules.rule_order,
                channel_rules.channel
            from (
                select
                    distinct_combinations.utm_medium,
                    distinct_combinations.utm_source,
                    distinct_combinations.referrer,
                    case
                        when exists (
                            select 1
                            from {{ ref('internal_hosts') }} as internal_hosts
                            where
                                {{ journey_url_host('distinct_combinations.referrer') }}
                                = lower(trim(internal_hosts.host))
                                or {{ journey_url_host('distinct_combinations.referrer') }}
                                like '%.' || lower(trim(internal_hosts.host))
                        ) then null
                        else distinct_combinations.referrer
                    end as rule_referrer
                from (
                    select distinct
                        utm_medium,
                        utm_source,
                        referrer
                    from {{ relation }}
                ) as distinct_combinations
            ) as combinations
            inner join {{ ref('channel_rules') }} as channel_rules
                on
                    (
                        channel_rules.utm_medium_regex is null
                        or {{ journey_regex_match(
                            'lower(combinations.utm_medium)', 'channel_rules.utm_medium_regex'
                        ) }}
                    )
                    and (
                        channel_rules.utm_source_regex is null
                        or {{ journey_regex_match(
                            'lower(combinations.utm_source)', 'channel_rules.utm_source_regex'
                        ) }}
                    )
                    and (
                        channel_rules.referrer_regex is null
                        or {{ journey_regex_match(
                            'lower(combinations.rule_referrer)', 'channel_rules.referrer_regex'
                        ) }}
                    )
        ) as matching_rules
    {%- endset -%}
    {{ journey_first_row_per(matches, 'utm_medium, utm_source, referrer', 'rule_order') }}
{%- endmacro %}
