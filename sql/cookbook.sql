--
-- cookbook: every recipe of doc/cookbook.md, verbatim, on a small data set
-- recorded through the customer-model API.  test/cookbook_sync.sh checks that
-- the recipes here and in the page are the same text.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';

--
-- The data: 40 customers of a shop, 10 per first channel (web, email,
-- social, store).  Each profile row is one customer: the first visit, the
-- signup (hours after the visit), an optional nurture touch one hour after
-- the signup, the purchase (hours after the signup) with its channel and
-- amount, days after the first visit on which the customer came back
-- directly, and a service call (hours after the purchase).  A purchase is
-- invoiced by billing 24 hours later.  Stages (journey.lifecycle):
-- discovery at the visit, evaluation at the signup, purchase at the
-- purchase, loyalty at the first return after the purchase.
--
DO $$
BEGIN
	PERFORM journey.add_channel('web', 'marketing', true);
	PERFORM journey.add_channel('email', 'marketing', true);
	PERFORM journey.add_channel('social', 'marketing', true);
	PERFORM journey.add_channel('direct', 'marketing', true, direct => true);
	PERFORM journey.add_channel('store', 'sales', false);
	PERFORM journey.add_channel('phone', 'customer service', false);
	PERFORM journey.add_channel('invoice', 'billing', false);
END
$$;

CREATE TEMP TABLE profile (customer text, channel text, visit timestamptz, signup_h numeric,
                           nurture text, purchase_h numeric, buy_channel text, amount numeric,
                           returns integer[], call_h numeric);
INSERT INTO profile VALUES
  ('c01', 'web',    '2026-03-02 09:00+00', 0.5,  'email',  20,   'web',   120, '{1,7}', 48),
  ('c02', 'web',    '2026-03-03 09:00+00', 2,    NULL,     30,   'store',  80, '{1}',   NULL),
  ('c03', 'web',    '2026-03-04 09:00+00', 5,    'email',  70,   'web',   200, '{7}',   NULL),
  ('c04', 'web',    '2026-03-05 09:00+00', 12,   NULL,     NULL, NULL,   NULL, '{2}',   NULL),
  ('c05', 'web',    '2026-03-06 09:00+00', 30,   NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c06', 'web',    '2026-03-09 09:00+00', 1,    'email',  4,    'web',    60, '{1,2}', 2),
  ('c07', 'web',    '2026-03-10 09:00+00', 8,    NULL,     100,  'store', 150, '{}',    NULL),
  ('c08', 'web',    '2026-03-11 09:00+00', 50,   NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c09', 'web',    '2026-03-12 09:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c10', 'web',    '2026-03-13 09:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c11', 'email',  '2026-03-02 10:00+00', 0.25, NULL,     10,   'web',    90, '{1,3}', NULL),
  ('c12', 'email',  '2026-03-03 10:00+00', 3,    'social', 48,   'store', 300, '{7}',   24),
  ('c13', 'email',  '2026-03-04 10:00+00', 20,   NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c14', 'email',  '2026-03-05 10:00+00', NULL, NULL,     NULL, NULL,   NULL, '{1}',   NULL),
  ('c15', 'email',  '2026-03-06 10:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c16', 'email',  '2026-03-09 10:00+00', 6,    NULL,     2,    'web',    40, '{1}',   NULL),
  ('c17', 'email',  '2026-03-10 10:00+00', 0.5,  NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c18', 'email',  '2026-03-11 10:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c19', 'email',  '2026-03-12 10:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c20', 'email',  '2026-03-13 10:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c21', 'social', '2026-03-02 11:00+00', 4,    'email',  150,  'store', 250, '{}',    NULL),
  ('c22', 'social', '2026-03-03 11:00+00', 40,   NULL,     NULL, NULL,   NULL, '{2}',   NULL),
  ('c23', 'social', '2026-03-04 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{1}',   NULL),
  ('c24', 'social', '2026-03-05 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c25', 'social', '2026-03-06 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c26', 'social', '2026-03-09 11:00+00', 2,    NULL,     200,  'web',    70, '{}',    NULL),
  ('c27', 'social', '2026-03-10 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c28', 'social', '2026-03-11 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c29', 'social', '2026-03-12 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c30', 'social', '2026-03-13 11:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c31', 'store',  '2026-03-02 12:00+00', 0,    NULL,     0.5,  'store', 500, '{7}',   72),
  ('c32', 'store',  '2026-03-03 12:00+00', 0.1,  NULL,     1,    'store', 120, '{}',    NULL),
  ('c33', 'store',  '2026-03-04 12:00+00', 1,    NULL,     24,   'store',  60, '{1}',   NULL),
  ('c34', 'store',  '2026-03-05 12:00+00', 2,    NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c35', 'store',  '2026-03-06 12:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c36', 'store',  '2026-03-09 12:00+00', 0.5,  NULL,     0.5,  'store', 220, '{1,7}', 5),
  ('c37', 'store',  '2026-03-10 12:00+00', 3,    'email',  30,   'web',    90, '{}',    NULL),
  ('c38', 'store',  '2026-03-11 12:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c39', 'store',  '2026-03-12 12:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL),
  ('c40', 'store',  '2026-03-13 12:00+00', NULL, NULL,     NULL, NULL,   NULL, '{}',    NULL);

-- The touchpoints, one call of record_touchpoint each, in time order (so
-- the ids are deterministic too).
CREATE TEMP VIEW profile_touch AS
SELECT customer, channel, 'visit' AS event, visit AS at, NULL::numeric AS value FROM profile
UNION ALL
SELECT customer, CASE channel WHEN 'store' THEN 'store' ELSE 'web' END, 'signup',
       visit + signup_h * interval '1 hour', NULL FROM profile WHERE signup_h IS NOT NULL
UNION ALL
SELECT customer, nurture, 'nurture', visit + (signup_h + 1) * interval '1 hour', NULL
FROM profile WHERE nurture IS NOT NULL
UNION ALL
SELECT customer, buy_channel, 'purchase', visit + (signup_h + purchase_h) * interval '1 hour', amount
FROM profile WHERE purchase_h IS NOT NULL
UNION ALL
SELECT customer, 'invoice', 'payment', visit + (signup_h + purchase_h + 24) * interval '1 hour', amount
FROM profile WHERE purchase_h IS NOT NULL
UNION ALL
SELECT customer, 'direct', 'visit', visit + d * interval '1 day', NULL FROM profile, unnest(returns) d
UNION ALL
SELECT customer, 'phone', 'call', visit + (signup_h + purchase_h + call_h) * interval '1 hour', NULL
FROM profile WHERE call_h IS NOT NULL;

DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM profile_touch ORDER BY at, customer, event LOOP
		PERFORM journey.record_touchpoint(t.customer, t.channel, t.event, t.at, t.value);
	END LOOP;
END
$$;

-- The stages, likewise.
DO $$
DECLARE
	s record;
BEGIN
	FOR s IN
		SELECT customer, 'discovery' AS stage, visit AS at FROM profile
		UNION ALL
		SELECT customer, 'evaluation', visit + signup_h * interval '1 hour' FROM profile WHERE signup_h IS NOT NULL
		UNION ALL
		SELECT customer, 'purchase', visit + (signup_h + purchase_h) * interval '1 hour'
		FROM profile WHERE purchase_h IS NOT NULL
		UNION ALL
		SELECT customer, 'loyalty', min(visit + d * interval '1 day') FROM profile, unnest(returns) d
		WHERE purchase_h IS NOT NULL AND d * 24 > signup_h + purchase_h
		GROUP BY customer
		ORDER BY at, customer
	LOOP
		PERFORM journey.set_stage(s.customer, 'lifecycle', s.stage, s.at);
	END LOOP;
END
$$;

SELECT journey.refresh_journeys() AS customers;
SELECT count(*) AS touchpoints, count(DISTINCT customer) AS customers FROM journey.touchpoints;
SELECT stage, count(*) AS entries FROM journey.stage_history GROUP BY stage ORDER BY stage;

--
-- 1. acquisition funnel
--
-- recipe: funnel_steps
WITH reached AS (
  SELECT customer,
         journey.window_funnel(interval '7 days', ts,
                               event = 'visit', event = 'signup', event = 'purchase') AS level
  FROM journey.touchpoints
  GROUP BY customer
), steps AS (
  SELECT s.step, s.name, count(*) FILTER (WHERE r.level >= s.step) AS customers
  FROM reached r
  CROSS JOIN (VALUES (1, 'visit'), (2, 'signup'), (3, 'purchase')) s(step, name)
  GROUP BY s.step, s.name
)
SELECT step, name, customers,
       round(100.0 * customers / nullif(lag(customers) OVER (ORDER BY step), 0), 1) AS pct_of_previous,
       round(100.0 * customers / nullif(first_value(customers) OVER (ORDER BY step), 0), 1) AS pct_of_first
FROM steps
ORDER BY step;

--
-- 2. funnel per first channel
--
-- recipe: funnel_per_channel
WITH first_touch AS (
  SELECT DISTINCT ON (customer) customer, channel AS first_channel
  FROM journey.touchpoints
  ORDER BY customer, ts, id
), reached AS (
  SELECT customer,
         journey.window_funnel(interval '7 days', ts,
                               event = 'visit', event = 'signup', event = 'purchase') AS level
  FROM journey.touchpoints
  GROUP BY customer
)
SELECT coalesce(f.first_channel, '(all)') AS first_channel,
       count(*) FILTER (WHERE r.level >= 1) AS visited,
       count(*) FILTER (WHERE r.level >= 2) AS signed_up,
       count(*) FILTER (WHERE r.level >= 3) AS purchased,
       round(100.0 * count(*) FILTER (WHERE r.level >= 2)
             / nullif(count(*) FILTER (WHERE r.level >= 1), 0), 1) AS signup_pct,
       round(100.0 * count(*) FILTER (WHERE r.level >= 3)
             / nullif(count(*) FILTER (WHERE r.level >= 2), 0), 1) AS purchase_pct,
       round(100.0 * count(*) FILTER (WHERE r.level >= 3)
             / nullif(count(*) FILTER (WHERE r.level >= 1), 0), 1) AS overall_pct
FROM reached r
JOIN first_touch f USING (customer)
GROUP BY ROLLUP (f.first_channel)
ORDER BY f.first_channel NULLS LAST;

--
-- 3. time to convert
--
-- recipe: time_to_convert
WITH chains AS (
  SELECT customer,
         journey.window_funnel_times(interval '7 days', ts,
                                     event = 'visit', event = 'signup', event = 'purchase') AS t
  FROM journey.touchpoints
  GROUP BY customer
), gaps AS (
  SELECT g.step, extract(epoch FROM c.t[g.step + 1] - c.t[g.step]) / 3600 AS hours
  FROM chains c
  CROSS JOIN generate_series(1, 2) g(step)
  WHERE cardinality(c.t) > g.step
)
SELECT s.name AS steps, b.bucket, count(x.hours) AS customers
FROM (VALUES (1, 'visit -> signup'), (2, 'signup -> purchase')) s(step, name)
CROSS JOIN (VALUES (1, '< 1 h', 0, 1), (2, '1-6 h', 1, 6), (3, '6-24 h', 6, 24),
                   (4, '1-3 days', 24, 72), (5, '3-7 days', 72, NULL)) b(n, bucket, lo, hi)
LEFT JOIN gaps x ON x.step = s.step AND x.hours >= b.lo AND (b.hi IS NULL OR x.hours < b.hi)
GROUP BY s.step, s.name, b.n, b.bucket
ORDER BY s.step, b.n;

--
-- 4. retention cohorts
--
-- recipe: retention_cohorts
WITH cells AS (
  SELECT date_trunc('week', c.first_seen) AS cohort, d AS day, count(*) AS customers
  FROM journey.customer_journeys c,
       unnest(journey.activity_buckets(c.journey, interval '1 day', 8)) d
  GROUP BY 1, 2
)
SELECT to_char(cohort, 'YYYY-MM-DD') AS cohort_week, day, customers,
       round(100.0 * customers / nullif(first_value(customers) OVER (PARTITION BY cohort ORDER BY day), 0), 1) AS pct
FROM cells
ORDER BY cohort, day;

--
-- 5. retention cohorts as a table
--
-- recipe: retention_heatmap
SELECT to_char(date_trunc('week', first_seen), 'YYYY-MM-DD') AS cohort_week,
       count(*) AS customers,
       round(100.0 * count(*) FILTER (WHERE 1 = ANY (days)) / count(*), 1) AS day_1,
       round(100.0 * count(*) FILTER (WHERE 2 = ANY (days)) / count(*), 1) AS day_2,
       round(100.0 * count(*) FILTER (WHERE 3 = ANY (days)) / count(*), 1) AS day_3,
       round(100.0 * count(*) FILTER (WHERE 4 = ANY (days)) / count(*), 1) AS day_4,
       round(100.0 * count(*) FILTER (WHERE 5 = ANY (days)) / count(*), 1) AS day_5,
       round(100.0 * count(*) FILTER (WHERE 6 = ANY (days)) / count(*), 1) AS day_6,
       round(100.0 * count(*) FILTER (WHERE 7 = ANY (days)) / count(*), 1) AS day_7
FROM (SELECT first_seen, journey.activity_buckets(journey, interval '1 day', 8) AS days
      FROM journey.customer_journeys) c
GROUP BY 1
ORDER BY 1;

--
-- 6. N-day retention
--
-- recipe: n_day_retention
WITH r AS (
  SELECT c.customer, journey.first_touch(c.journey) AS first_channel,
         journey.retention(t.ts = c.first_seen,
                           t.ts >= c.first_seen + interval '1 day' AND t.ts < c.first_seen + interval '2 days',
                           t.ts >= c.first_seen + interval '7 days' AND t.ts < c.first_seen + interval '8 days',
                           t.ts >= c.first_seen + interval '14 days' AND t.ts < c.first_seen + interval '15 days') AS r
  FROM journey.customer_journeys c
  JOIN journey.touchpoints t USING (customer)
  WHERE t.department <> 'billing'
  GROUP BY c.customer, c.journey
)
SELECT coalesce(first_channel, '(all)') AS first_channel,
       sum(r[1]) AS customers,
       sum(r[2]) AS day_1, round(100.0 * sum(r[2]) / nullif(sum(r[1]), 0), 1) AS day_1_pct,
       sum(r[3]) AS day_7, round(100.0 * sum(r[3]) / nullif(sum(r[1]), 0), 1) AS day_7_pct,
       sum(r[4]) AS day_14, round(100.0 * sum(r[4]) / nullif(sum(r[1]), 0), 1) AS day_14_pct
FROM r
GROUP BY ROLLUP (first_channel)
ORDER BY first_channel NULLS LAST;

--
-- 7. top paths to purchase
--
-- recipe: top_paths_to_purchase
SELECT array_to_string(p, ' > ') AS path_before_purchase,
       count(*) AS customers,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct
FROM (SELECT customer, journey.path_before(ts, channel, event = 'purchase', 3) AS p
      FROM journey.touchpoints
      GROUP BY customer) s
WHERE p IS NOT NULL
GROUP BY p
ORDER BY customers DESC, path_before_purchase
LIMIT 10;

--
-- 8. Sankey links
--
-- recipe: sankey_links
SELECT t.step,
       t.step || ':' || coalesce(t.from_label, '(start)') AS source,
       (t.step + 1) || ':' || coalesce(t.to_label, '(end)') AS target,
       count(*) AS customers
FROM journey.customer_journeys c,
     journey.transitions(journey.collapse(c.journey), true) t
WHERE t.step < 3
GROUP BY 1, 2, 3
ORDER BY 1, 4 DESC, 2, 3;

--
-- 9. sessions per day and channel
--
-- recipe: sessions_per_day
SELECT to_char(s.started, 'YYYY-MM-DD') AS day,
       split_part(s.path, ' > ', 1) AS entry_channel,
       count(*) AS sessions,
       round(avg(s.events), 2) AS events_per_session
FROM journey.customer_journeys c,
     journey.sessions(c.journey, interval '30 minutes') s
WHERE s.started >= '2026-03-02' AND s.started < '2026-03-05'
GROUP BY 1, 2
ORDER BY 1, 2;

--
-- 10. attribution models side by side
--
-- recipe: attribution_comparison
WITH paths AS (
  SELECT t.customer,
         array_agg(t.channel ORDER BY t.ts, t.id) FILTER (WHERE p.at IS NULL OR t.ts <= p.at) AS path,
         p.at IS NOT NULL AS converted,
         coalesce(p.value, 0) AS value
  FROM journey.touchpoints t
  LEFT JOIN (SELECT DISTINCT ON (customer) customer, ts AS at, value
             FROM journey.touchpoints
             WHERE event = 'purchase'
             ORDER BY customer, ts, id) p USING (customer)
  GROUP BY t.customer, p.at, p.value
), heuristic AS (
  SELECT m.model, a.label, sum(a.credit) AS conversions
  FROM paths,
       unnest(ARRAY['first_touch', 'last_touch', 'linear', 'position_based']) m(model),
       journey.attribute(path, m.model) a
  WHERE converted
  GROUP BY 1, 2
), data_driven AS (
  SELECT 'markov' AS model, (c).label, (c).conversions
  FROM (SELECT unnest(journey.markov_model(path, CASE WHEN converted THEN 1 ELSE 0 END, value,
                                           CASE WHEN converted THEN 0 ELSE 1 END)) AS c
        FROM paths) m
  UNION ALL
  SELECT 'shapley', (c).label, (c).conversions
  FROM (SELECT unnest(journey.shapley_model(path, CASE WHEN converted THEN 1 ELSE 0 END, value)) AS c
        FROM paths) s
), credits AS (
  SELECT * FROM heuristic UNION ALL SELECT * FROM data_driven
)
SELECT label AS channel,
       round(sum(conversions) FILTER (WHERE model = 'first_touch')::numeric, 2) AS first_touch,
       round(sum(conversions) FILTER (WHERE model = 'last_touch')::numeric, 2) AS last_touch,
       round(sum(conversions) FILTER (WHERE model = 'linear')::numeric, 2) AS linear,
       round(sum(conversions) FILTER (WHERE model = 'position_based')::numeric, 2) AS position_based,
       round(sum(conversions) FILTER (WHERE model = 'markov')::numeric, 2) AS markov,
       round(sum(conversions) FILTER (WHERE model = 'shapley')::numeric, 2) AS shapley
FROM credits
GROUP BY label
ORDER BY label;

--
-- 11. handoff waits between departments
--
-- recipe: handoff_waits
SELECT from_department, to_department,
       count(*) AS handoffs,
       round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)) / 3600, 1) AS median_hours,
       round(extract(epoch FROM avg(waited)) / 3600, 1) AS avg_hours,
       round(extract(epoch FROM max(waited)) / 3600, 1) AS max_hours
FROM journey.service_handoffs
GROUP BY 1, 2
ORDER BY 1, 2;

--
-- 12. lead handoff time
--
-- recipe: lead_handoff
SELECT b.bucket, count(h.customer) AS leads,
       round(extract(epoch FROM avg(h.handoff)) / 3600, 1) AS avg_hours
FROM (VALUES (1, '< 1 h', interval '0', interval '1 hour'),
             (2, '1 h - 1 day', interval '1 hour', interval '1 day'),
             (3, '1-3 days', interval '1 day', interval '3 days'),
             (4, '3 days +', interval '3 days', NULL)) b(n, bucket, lo, hi)
LEFT JOIN journey.sales_lead_handoff h
       ON h.handoff >= b.lo AND (b.hi IS NULL OR h.handoff < b.hi)
GROUP BY b.n, b.bucket
ORDER BY b.n;

--
-- 13. stage distribution and time in stage
--
-- recipe: stage_distribution
WITH h AS (
  SELECT customer, entered, stage::journey.lifecycle AS stage
  FROM journey.stage_history
  WHERE model = 'lifecycle'
), per_customer AS (
  SELECT h.customer, s.stage,
         journey.stage_at(h.entered, h.stage, timestamptz '2026-03-20 00:00+00') = s.stage AS is_now,
         journey.time_in_stage(h.entered, h.stage, s.stage, timestamptz '2026-03-20 00:00+00') AS spent
  FROM h CROSS JOIN unnest(enum_range(NULL::journey.lifecycle)) s(stage)
  GROUP BY h.customer, s.stage
)
SELECT stage, journey.stage_department(stage) AS owner,
       count(*) FILTER (WHERE is_now) AS customers_now,
       count(*) FILTER (WHERE spent > interval '0') AS ever_in_stage,
       round(extract(epoch FROM avg(spent) FILTER (WHERE spent > interval '0')) / 86400, 1) AS avg_days_in_stage
FROM per_customer
GROUP BY stage
ORDER BY stage;

--
-- 14. customers overdue in their stage
--
-- recipe: overdue_in_stage
SELECT h.customer, h.stage, journey.stage_department(x.stage) AS owner,
       to_char(h.entered, 'YYYY-MM-DD HH24:MI') AS entered,
       journey.stage_expected_days(x.stage) AS expected_days,
       round(extract(epoch FROM x.waited) / 86400, 1) AS days_in_stage,
       round(extract(epoch FROM x.waited) / 86400 - journey.stage_expected_days(x.stage), 1) AS days_overdue
FROM journey.stage_history h
CROSS JOIN LATERAL (SELECT h.stage::journey.lifecycle AS stage,
                           timestamptz '2026-03-20 00:00+00' - h.entered AS waited) x
WHERE h.model = 'lifecycle'
  AND h."left" IS NULL
  AND NOT journey.stage_is_terminal(x.stage)
  AND x.waited > journey.stage_expected_days(x.stage) * interval '1 day'
ORDER BY days_overdue DESC, h.customer;

--
-- Any event table: the same events in a table of the user's own, mapped by
-- the two views of the recipes; they give exactly the model's rows, so every
-- recipe gives the same answer on them.
--
CREATE TABLE shop_events AS
SELECT id AS event_id, customer AS user_id, ts AS occurred_at, channel AS source,
       event AS action, value AS amount
FROM journey.touchpoints;

-- recipe: any_table_touchpoints
CREATE VIEW my_touchpoints AS
SELECT e.event_id AS id, e.user_id AS customer, e.occurred_at AS ts,
       e.source AS channel, coalesce(o.department, 'marketing') AS department,
       e.action AS event, e.amount AS value
FROM shop_events e
LEFT JOIN (VALUES ('store', 'sales'), ('phone', 'customer service'), ('invoice', 'billing'))
          o(channel, department) ON o.channel = e.source;

-- recipe: any_table_journeys
CREATE VIEW my_journeys AS
SELECT customer,
       journey.journey_agg(ts, channel, value::float8) AS journey,
       journey.journey_agg(ts, event, value::float8) AS events,
       min(ts) AS first_seen, max(ts) AS last_seen
FROM my_touchpoints
GROUP BY customer;

-- 0 and 0: the view holds the model's touchpoints, no more, no less
SELECT count(*) AS missing FROM (SELECT id, customer, ts, channel, department, event, value FROM journey.touchpoints
                                 EXCEPT SELECT * FROM my_touchpoints) m;
SELECT count(*) AS extra FROM (SELECT * FROM my_touchpoints
                               EXCEPT SELECT id, customer, ts, channel, department, event, value FROM journey.touchpoints) m;
-- 40 of 40 journeys equal, event for event
SELECT count(*) AS customers,
       count(*) FILTER (WHERE m.journey::text = c.journey::text AND m.events::text = c.events::text
                        AND m.first_seen = c.first_seen AND m.last_seen = c.last_seen) AS equal
FROM my_journeys m FULL JOIN journey.customer_journeys c USING (customer);

-- recipe: any_table_handoffs
SELECT from_department, to_department, count(*) AS handoffs,
       round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)) / 3600, 1) AS median_hours
FROM (SELECT department AS to_department,
             lag(department) OVER w AS from_department,
             ts - lag(ts) OVER w AS waited
      FROM my_touchpoints
      WINDOW w AS (PARTITION BY customer ORDER BY ts, id)) x
WHERE from_department <> to_department
GROUP BY 1, 2
ORDER BY 1, 2;

-- the same pairs, counts and medians as recipe 11 over journey.service_handoffs: no row differs
SELECT count(*) AS differ FROM (
  (SELECT from_department, to_department, count(*),
          round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)) / 3600, 1)
   FROM journey.service_handoffs GROUP BY 1, 2)
  EXCEPT
  (SELECT from_department, to_department, count(*),
          round(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)) / 3600, 1)
   FROM (SELECT department AS to_department, lag(department) OVER w AS from_department, ts - lag(ts) OVER w AS waited
         FROM my_touchpoints WINDOW w AS (PARTITION BY customer ORDER BY ts, id)) x
   WHERE from_department <> to_department GROUP BY 1, 2)) d;
