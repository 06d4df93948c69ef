-- Each customer's touch_sequence runs 1…n without gaps, with one first and one last touch.
select
    customer_id,
    min(touch_sequence) as first_sequence,
    max(touch_sequence) as last_sequence,
    count(*) as touches
from {{ ref('fct_customer_timeline') }}
group by customer_id
having
    min(touch_sequence) != 1
    or max(touch_sequence) != count(*)
    or sum(case when is_first_touch then 1 else 0 end) != 1
    or sum(case when is_last_touch then 1 else 0 end) != 1
