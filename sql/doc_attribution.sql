--
-- doc_attribution: every ```sql block of doc/attribution.md, verbatim and in page order, so
-- the examples people copy from the page run as written (test/cookbook_sync.sh
-- checks that the blocks here and on the page are the same text).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
-- floats with 15 significant digits: outputs must not depend on last bits
SET extra_float_digits = 0;

-- doc/attribution.md, example 1
CREATE TEMP TABLE journeys (customer_id int PRIMARY KEY, j journey.journey);
INSERT INTO journeys VALUES
  (1, 'social@2026-03-01 10:00:00+00 > web@2026-03-05 09:00:00+00 > email@2026-03-09 18:00:00+00 > web@2026-03-10 12:00:00+00'),
  (2, 'email@2026-03-02 08:00:00+00 > store@2026-03-03 15:00:00+00'),
  (3, 'web@2026-01-10 10:00:00+00 > social@2026-03-04 20:00:00+00 > direct@2026-03-06 11:00:00+00');
CREATE TEMP TABLE orders (customer_id int, ordered_at timestamptz, revenue numeric);
INSERT INTO orders VALUES
  (1, '2026-03-10 12:05+00', 120),
  (2, '2026-03-03 15:10+00', 80),
  (3, '2026-03-06 11:30+00', 200);
CREATE TEMP TABLE path_export (month date, path text[], conversions float8, revenue float8, nulls float8);
INSERT INTO path_export VALUES
  ('2026-02-01', '{social,web,email}', 2, 240, 3),
  ('2026-02-01', '{email,store}', 1, 80, 1),
  ('2026-02-01', '{web}', 0, 0, 4),
  ('2026-03-01', '{social,web,email}', 1, 120, 2),
  ('2026-03-01', '{web,social,direct}', 1, 200, 1),
  ('2026-03-01', '{email}', 0, 0, 2);


-- doc/attribution.md, example 2
SELECT * FROM journey.attribute(ARRAY['web', 'email', 'store', 'direct'], 'position_based');


-- doc/attribution.md, example 3
SELECT label, round(credit::numeric, 4) AS credit
FROM journey.attribute(
    journey.journey 'web@2026-01-01 00:00:00+00 > email@2026-01-08 00:00:00+00 > buy@2026-01-15 00:00:00+00',
    'time_decay', conversion_label => 'buy');


-- doc/attribution.md, example 4
-- Revenue per channel under four models, over stored journeys
SELECT m AS model, a.label AS channel, round(sum(a.credit * o.revenue)::numeric, 2) AS revenue
FROM orders o
JOIN journeys USING (customer_id),
     unnest(ARRAY['first_touch', 'last_touch', 'linear', 'position_based']) m,
     journey.attribute(j, m, conversion_time => o.ordered_at, lookback => '30 days') a
GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2;


-- doc/attribution.md, example 5
SELECT (unnest(journey.markov_model(path, conversions, revenue, nulls))).*
FROM path_export;


-- doc/attribution.md, example 6
SELECT month, c.label, round(c.conversions::numeric, 2) AS conversions,
       round(c.value::numeric, 2) AS revenue, round(c.weight::numeric, 3) AS weight
FROM (SELECT month, journey.markov_model(path, conversions, revenue, nulls, 2) AS credits
      FROM path_export GROUP BY month) s, unnest(s.credits) c
ORDER BY month, c.label;


-- doc/attribution.md, example 7
-- the state of one path [a], order 1, converted once, value 2, nulls 0.5
SELECT 'AQAAAAH/////AAAAAQAAAAFhAAAAAQAAAAEAAAAAP/AAAAAAAABAAAAAAAAAAD/gAAAAAAAA'::journey.attribution_state;
-- 01 | 00000001 | ffffffff | 00000001 | 00000001 61 | 00000001 | 00000001 00000000 |
-- 3ff0000000000000 4000000000000000 3fe0000000000000


-- doc/attribution.md, example 8
CREATE AGGREGATE markov_state(text[], float8, float8, float8, integer) (
    SFUNC = journey.markov_trans, STYPE = journey.attribution_state,
    COMBINEFUNC = journey.attribution_state_combine, PARALLEL = SAFE);
CREATE AGGREGATE markov_of_states(journey.attribution_state) (
    SFUNC = journey.attribution_state_combine, STYPE = journey.attribution_state,
    FINALFUNC = journey.markov_final);

CREATE TEMP TABLE monthly_states AS
SELECT month, markov_state(path, conversions, revenue, nulls, 1) AS s FROM path_export GROUP BY month;
SELECT (unnest(markov_of_states(s))).* FROM monthly_states;   -- = markov_model over all months
