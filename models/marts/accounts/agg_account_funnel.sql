{#- The funnel by account for B2B teams: per first-touch month cohort of accounts, accounts that
    reached each stage (highest account stage ≥ the stage) and the step conversion rates. -#}
{{ journey_stage_funnel('account', 'dim_accounts', 'fct_account_stages') }}
