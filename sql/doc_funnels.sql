--
-- doc_funnels: every ```sql block of doc/funnels.md, verbatim and in page order, so
-- the examples people copy from the page run as written (test/cookbook_sync.sh
-- checks that the blocks here and on the page are the same text).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET timezone = 'UTC';
-- floats with 15 significant digits: outputs must not depend on last bits
SET extra_float_digits = 0;

-- doc/funnels.md, example 1
CREATE TEMP TABLE events (customer_id int, ts timestamptz, channel text, event text);
INSERT INTO events VALUES
  (1, '2026-03-02 09:00+00', 'web',   'visit'),
  (1, '2026-03-03 10:00+00', 'web',   'quote_requested'),
  (1, '2026-03-03 10:00+00', 'web',   'quote'),
  (1, '2026-03-04 16:00+00', 'web',   'cart'),
  (1, '2026-03-05 12:00+00', 'store', 'purchase'),
  (2, '2026-03-02 11:00+00', 'web',   'visit'),
  (2, '2026-03-06 11:00+00', 'email', 'quote'),
  (2, '2026-03-07 09:00+00', 'phone', 'complaint'),
  (2, '2026-03-08 15:00+00', 'web',   'purchase'),
  (3, '2026-03-03 08:00+00', 'email', 'visit'),
  (3, '2026-03-20 08:00+00', 'web',   'quote_requested'),
  (4, '2026-03-04 13:00+00', 'store', 'purchase');
CREATE TEMP VIEW customer_journeys AS
SELECT customer_id, journey.journey_agg(ts, event) AS j
FROM events GROUP BY customer_id;


-- doc/funnels.md, example 2
SELECT customer_id,
       journey.window_funnel(interval '7 days', ts,
                             channel = 'web' AND event = 'visit',
                             event = 'quote_requested',
                             event = 'purchase') AS reached
FROM events
GROUP BY customer_id
ORDER BY customer_id;


-- doc/funnels.md, example 3
SELECT reached, count(*) AS customers
FROM (SELECT customer_id,
             journey.window_funnel(interval '7 days', ts,
                                   channel = 'web' AND event = 'visit',
                                   event = 'quote_requested',
                                   event = 'purchase') AS reached
      FROM events
      GROUP BY customer_id) f
GROUP BY reached ORDER BY reached;


-- doc/funnels.md, example 4
-- visit -> quote -> purchase, but a chain where the customer complained
-- between the quote and the purchase does not count
SELECT customer_id,
       journey.window_funnel(interval '30 days', '', ts,
                             ARRAY[event = 'visit', event = 'quote', event = 'purchase'],
                             ARRAY[NULL, event = 'complaint']) AS reached
FROM events GROUP BY customer_id ORDER BY customer_id;


-- doc/funnels.md, example 5
SELECT customer_id,
       journey.window_funnel(interval '7 days', ts, event, 'visit', 'cart', 'purchase') AS reached
FROM events GROUP BY customer_id ORDER BY customer_id;


-- doc/funnels.md, example 6
SELECT avg(t[2] - t[1]) AS visit_to_quote, avg(t[3] - t[2]) AS quote_to_purchase
FROM (SELECT journey.window_funnel_times(interval '7 days', ts,
             event = 'visit', event = 'quote', event = 'purchase') AS t
      FROM events GROUP BY customer_id) f
WHERE cardinality(t) = 3;


-- doc/funnels.md, example 7
SELECT customer_id,
       journey.funnel(j, interval '7 days', 'visit', 'quote', 'purchase') AS reached,
       journey.funnel_times(j, interval '7 days', ARRAY['visit', 'quote', 'purchase'], 'strict_order') AS times
FROM customer_journeys
ORDER BY customer_id;

-- doc/funnels.md, example 8
-- Of the customers who put something in the cart (step 2 of visit > cart >
-- purchase, 7-day window), what goes with buying?
SELECT *
FROM journey.funnel_correlation(
       (SELECT journey.funnel_correlation_agg(j, interval '7 days',
                                              ARRAY['visit', 'cart', 'purchase'], 2)
        FROM customer_journeys));


-- doc/funnels.md, example 9
SELECT *
FROM journey.funnel_correlation(
       (SELECT journey.funnel_correlation_agg(cj.j, interval '7 days',
                                              ARRAY['visit', 'cart', 'purchase'], 2,
                                              first.channel)
        FROM customer_journeys cj
        JOIN (SELECT DISTINCT ON (customer_id) customer_id, channel
              FROM events ORDER BY customer_id, ts) first USING (customer_id)));


-- doc/funnels.md, example 10
SELECT *
FROM journey.funnel_correlation(
       (SELECT journey.funnel_correlation_agg(j, interval '7 days',
                                              ARRAY['visit', 'cart', 'purchase'], 2)
        FROM (SELECT customer_id, journey.journey_agg(ts, event) AS j
              FROM events GROUP BY customer_id) per_customer));


-- doc/funnels.md, example 11
-- per channel of the first touch; only what is significant at 5 %
SELECT x.first_channel, c.*
FROM (SELECT first.channel AS first_channel,
             journey.funnel_correlation_agg(cj.j, interval '7 days',
                                            ARRAY['visit', 'cart', 'purchase'], 2) AS s
      FROM customer_journeys cj
      JOIN (SELECT DISTINCT ON (customer_id) customer_id, channel
            FROM events ORDER BY customer_id, ts) first USING (customer_id)
      GROUP BY first.channel) x,
     LATERAL journey.funnel_correlation(x.s) c
WHERE c.p_value < 0.05;

-- the state types, as the page builds them
CREATE AGGREGATE corr_state_of(journey.journey, interval, text[], int) (
	SFUNC = journey.funnel_correlation_trans, STYPE = journey.correlation_state,
	COMBINEFUNC = journey.correlation_state_combine);
SELECT corr_state_of('a@2026-01-01 10:00:00+00 > x@2026-01-01 10:10:00+00 > b@2026-01-01 10:20:00+00',
                     '1 hour', ARRAY['a', 'b'], 1);
--  AQIAAAAA1pOkAAAAAAEAAAACAAAAAWEAAAABYgAAAAAAAAABAAAAAAAAAAAAAAABAAAAAXgAAAAAAAAAAQAAAAAAAAAA

CREATE AGGREGATE funnel_state_of(bigint, text, bigint, VARIADIC boolean[]) (
	SFUNC = journey.funnel_state_mode_trans_int, STYPE = journey.step_state,
	COMBINEFUNC = journey.step_state_combine);
SELECT funnel_state_of(100, 'strict_order', 5, true, false);
--  AgEHAAAAAgAAAAAAAABkAAACAgAAAAxzdHJpY3Rfb3JkZXIAAAABAAAAAAAAAAUAAAAAAAAAAQ==
-- (not on the page: other tests create aggregates of these names)
DROP AGGREGATE corr_state_of(journey.journey, interval, text[], int);
DROP AGGREGATE funnel_state_of(bigint, text, bigint, VARIADIC boolean[]);
