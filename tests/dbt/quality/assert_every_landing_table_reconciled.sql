-- SPEC §7: the reconciliation covers all nine landing tables.
select count(*) as reconciled_tables
from {{ ref('agg_row_reconciliation') }}
having count(*) != 9
