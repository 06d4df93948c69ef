{#- The columns of a stay in a stage, from `entered_at` and `exited_at` (null while current):
    both times, `is_current` and `days_in_stage` (null while current). -#}
{% macro journey_stage_stay_columns() -%}
    entered_at,
    exited_at,
    exited_at is null as is_current,
    {{ journey_seconds_between('entered_at', 'exited_at') }} / 86400.0 as days_in_stage
{%- endmacro %}
