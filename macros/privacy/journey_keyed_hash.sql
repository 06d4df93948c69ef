{#- The keyed hash of a value: hex sha256 of `<key>:<value>`, the key the privacy setting
    JOURNEY_PRIVACY_KEY (`journey run` creates a random one beside the warehouse when it is
    unset). Null for a null value, and null for every value when no key is set: an unkeyed
    hash of an email is reversible by hashing candidate emails, so there is no fixed key.
    With JOURNEY_PRIVACY_KEY_FILE (what `journey run` passes: a 0600 file) the key never
    appears in compiled SQL, dbt logs or dbt docs: DuckDB reads the file when the query runs,
    and a Postgres session reads the setting `journey.privacy_key`, which `journey run` passes
    through PGOPTIONS. Otherwise the key is a literal of the compiled SQL. -#}
{% macro journey_keyed_hash(expression) -%}
    {{ return(adapter.dispatch('journey_keyed_hash', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__journey_keyed_hash(expression) -%}
    {%- set key = env_var('JOURNEY_PRIVACY_KEY', '') | trim -%}
    {%- if key -%}
        encode(sha256(convert_to({{ journey_sql_string(key ~ ':') }} || {{ expression }}, 'UTF8')), 'hex')
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{% macro postgres__journey_keyed_hash(expression) -%}
    {%- if env_var('JOURNEY_PRIVACY_KEY_FILE', '') | trim -%}
        encode(sha256(convert_to(
            nullif(current_setting('journey.privacy_key', true), '') || ':' || {{ expression }},
            'UTF8'
        )), 'hex')
    {%- else -%}
        {{ default__journey_keyed_hash(expression) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__journey_keyed_hash(expression) -%}
    {%- set key_file = env_var('JOURNEY_PRIVACY_KEY_FILE', '') | trim -%}
    {%- set key = env_var('JOURNEY_PRIVACY_KEY', '') | trim -%}
    {%- if key_file -%}
        sha256(
            (
                select nullif(trim(content, ' ' || chr(9) || chr(10) || chr(13)), '')
                from read_text({{ journey_sql_string(key_file) }})
            )
            || ':' || {{ expression }}
        )
    {%- elif key -%}
        sha256({{ journey_sql_string(key ~ ':') }} || {{ expression }})
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__journey_keyed_hash(expression) -%}
    {%- set key = env_var('JOURNEY_PRIVACY_KEY', '') | trim -%}
    {%- if key -%}
        sha2(concat({{ journey_sql_string(key ~ ':') }}, {{ expression }}), 256)
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- True when keyed hashes have a key: JOURNEY_PRIVACY_KEY, or the key file `journey run` passes
    (JOURNEY_PRIVACY_KEY_FILE). -#}
{% macro journey_privacy_key_set() -%}
    {{ return(
        (env_var('JOURNEY_PRIVACY_KEY', '') | trim | length > 0)
        or (env_var('JOURNEY_PRIVACY_KEY_FILE', '') | trim | length > 0)
    ) }}
{%- endmacro %}
