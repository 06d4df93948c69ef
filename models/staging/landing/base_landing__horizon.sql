{#- The load horizon, once per build: every base model compares each of its timestamps with
    it (`journey_load_horizon_at`). Computed inside each of them it was a scan of every
    landing table per timestamp column per query (on Postgres most of the build's time). -#}
select {{ journey_load_horizon_sql() }} as horizon_at
