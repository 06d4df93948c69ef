-- base_landing__horizon holds the one horizon every base model compares with: exactly one row,
-- also for an empty load (then its value is null).
select count(*) as horizon_rows
from {{ ref('base_landing__horizon') }}
having count(*) != 1
