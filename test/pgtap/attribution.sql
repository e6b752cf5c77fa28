-- Attribution: errors (SQLSTATEs) and behaviour of attribute(), markov_model()
-- and shapley_model().
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS journey;
RESET client_min_messages;
SET search_path = public, journey;

SELECT plan(33);

-- unknown model, with the valid names in the hint
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'bogus')$$, '22023',
	'unknown attribution model "bogus"', 'unknown model');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], NULL)$$, '22004', NULL, 'NULL model');
-- weights
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'position_based', weights => '{0.5,0.5,0.5}')$$,
	'22023', 'weights of model position_based must sum to 1', 'weights not summing to 1');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'position_based', weights => '{-0.2,0.6,0.6}')$$,
	'22023', 'weights must be finite and non-negative', 'negative weight');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'position_based', weights => '{0.5,0.5}')$$,
	'22023', 'model position_based takes 3 weights, not 2', 'wrong number of weights');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'w_shaped', weights => '{0.3,0.3,0.4}', milestone => 'x')$$,
	'22023', 'model w_shaped takes 4 weights, not 3', 'w_shaped needs 4 weights');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'linear', weights => '{1}')$$,
	'22023', 'model linear takes no weights', 'weights for a model without weights');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'custom')$$,
	'22023', 'model custom needs weights', 'custom without weights');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'custom', weights => '{1,NULL}')$$,
	'22023', 'weights must not contain NULL', 'NULL weight');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'custom', weights => '{1,NaN}')$$,
	'22023', 'weights must be finite and non-negative', 'NaN weight');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'custom', weights => '{{1},{2}}')$$,
	'22023', 'weights must be a one-dimensional array', '2-D weights');
-- finite weights whose sum overflows float8 (it used to give every touch 0)
SELECT is((SELECT string_agg(label || ' ' || credit, ', ' ORDER BY label)
	FROM journey.attribute(ARRAY['a', 'b'], 'custom', weights => '{1e308,1e308}')),
	'a 0.5, b 0.5', 'custom weights summing past float8: shared by their ratio');
SELECT is((SELECT string_agg(label || ' ' || credit, ', ' ORDER BY label)
	FROM journey.attribute(ARRAY['a', 'b', 'c'], 'custom', weights => '{1.2e308,6e307}')),
	'a 0.5, b 0.25, c 0.25', 'custom weights summing past float8, the last one repeated');
-- milestone
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'w_shaped')$$,
	'22023', 'model w_shaped needs a milestone label', 'w_shaped without milestone');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'linear', milestone => 'x')$$,
	'22023', 'model linear takes no milestone', 'milestone for another model');
-- time
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY['a'], 'time_decay')$$,
	'22023', 'model time_decay needs the touches'' times', 'time_decay on text[]');
SELECT throws_ok($$SELECT * FROM journey.attribute(journey.journey 'a@2026-01-01 00:00:00+00', 'time_decay', half_life => '0')$$,
	'22023', 'half_life must be greater than zero', 'zero half-life');
SELECT throws_ok($$SELECT * FROM journey.attribute(journey.journey 'a@2026-01-01 00:00:00+00', 'time_decay', half_life => '-1 day')$$,
	'22023', 'half_life must not be negative', 'negative half-life');
SELECT throws_ok($$SELECT * FROM journey.attribute(journey.journey 'a@2026-01-01 00:00:00+00', 'linear', lookback => '-1 day')$$,
	'22023', 'lookback must not be negative', 'negative lookback');
SELECT throws_ok($$SELECT * FROM journey.attribute(journey.journey 'a@2026-01-01 00:00:00+00', 'linear',
	conversion_label => 'buy', conversion_time => now())$$,
	'22023', 'conversion_label and conversion_time cannot both be given', 'both conversion definitions');
SELECT throws_ok($$SELECT * FROM journey.attribute(ARRAY[ARRAY['a'],ARRAY['b']], 'linear')$$,
	'22023', 'path must be a one-dimensional array', '2-D path');

-- markov_model / shapley_model
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a'], 1, 0, 0, 0)$$,
	'22023', 'Markov chain order must be between 1 and 10', 'order 0');
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a'], 1, 0, 0, 11)$$,
	'22023', 'Markov chain order must be between 1 and 10', 'order 11');
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a'], -1, 0, 0)$$,
	'22023', 'conversions must be finite and non-negative', 'negative conversions');
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a'], 1, 'NaN', 0)$$,
	'22023', 'value must be finite', 'NaN value');
SELECT throws_ok($$SELECT journey.markov_model(ARRAY['a'], 1, 0, 'Infinity')$$,
	'22023', 'nulls must be finite and non-negative', 'infinite nulls');
SELECT throws_ok($$SELECT journey.markov_model(p, 1, 0, 0, o) FROM (VALUES (ARRAY['a'], 1), (ARRAY['b'], 2)) v(p, o)$$,
	'22023', 'the model''s parameter must be the same for all rows of a group', 'order varying within a group');
SELECT throws_ok($$SELECT journey.shapley_model(ARRAY['a'], 1, 0, 0, 'bogus')$$,
	'22023', 'unknown Shapley game "bogus"', 'unknown game');
SELECT throws_ok($$SELECT journey.shapley_model(ARRAY['l' || g], 1, 0, 0, 'conversion_rate') FROM generate_series(1, 21) g$$,
	'54000', 'Shapley game conversion_rate is limited to 20 distinct labels, the paths have 21', 'too many labels for conversion_rate');

-- Shapley, game conversions, equals the Shapley formula computed the long
-- way (over all coalitions, in SQL) on three labels.
CREATE TEMP TABLE sp(path text[], conv float8) ON COMMIT DROP;
INSERT INTO sp VALUES ('{a}', 3), ('{a,b}', 2), ('{b,c}', 5), ('{a,b,c}', 7), ('{c,c}', 1);
CREATE TEMP VIEW worth AS
SELECT s.coalition, coalesce((SELECT sum(conv) FROM sp WHERE sp.path <@ s.coalition), 0) AS v
FROM (SELECT ARRAY(SELECT l FROM unnest(ARRAY['a','b','c']) WITH ORDINALITY u(l, i) WHERE m & (1 << (i::int - 1)) > 0) AS coalition
	FROM generate_series(0, 7) m) s;
SELECT is(
	(SELECT array_agg(round(conversions::numeric, 9) ORDER BY label) FROM unnest((SELECT journey.shapley_model(path, conv, 0) FROM sp))),
	(SELECT array_agg(round(phi::numeric, 9) ORDER BY l)
	 FROM (SELECT l, sum(w.v * CASE WHEN l = ANY (w.coalition)
			THEN factorial(cardinality(w.coalition) - 1) * factorial(3 - cardinality(w.coalition)) / 6.0
			ELSE -factorial(cardinality(w.coalition)) * factorial(3 - cardinality(w.coalition) - 1) / 6.0 END) AS phi
		FROM unnest(ARRAY['a','b','c']) l, worth w GROUP BY l) x),
	'shapley (conversions) = the Shapley formula over all coalitions');

-- Markov on one path: all credit to its labels, equal removal effects.
SELECT is((SELECT array_agg(conversions ORDER BY label) FROM unnest((SELECT journey.markov_model(ARRAY['a','b'], 2, 0, 0)))),
	ARRAY[1, 1]::float8[], 'one path a > b: removing either loses every conversion');
-- Markov credits come back in label order, one per label.
SELECT is((SELECT array_agg(label) FROM unnest((SELECT journey.markov_model(p, 1, 0, 1)
	FROM (VALUES (ARRAY['z','y']), (ARRAY['x'])) v(p)))), ARRAY['x','y','z'], 'one credit per label, in label order');
SELECT is((SELECT count(*) FROM journey.attribute(NULL::journey.journey, 'linear'))::int, 0, 'NULL journey: no rows');

SELECT * FROM finish();
ROLLBACK;
