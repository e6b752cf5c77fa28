-- Run by the upgrade step from 0.2.0 after every fragment (Makefile,
-- UPGRADE_AFTER_0.3.0): drops what the replaced objects no longer use.

-- the step's own helper (upgrade--0.2.0--0.3.0.sql)
DROP FUNCTION @extschema@.upgrade_role_grants(pg_catalog.regclass, pg_catalog.text[]);

-- The support functions of the internal state of markov_model,
-- shapley_model, path_after and path_before (0.2.0), which the aggregates
-- replaced by markov.sql, shapley.sql and path_agg.sql no longer reference.
DROP FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision);
DROP FUNCTION @extschema@.markov_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision, integer);
DROP FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision);
DROP FUNCTION @extschema@.markov_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision, integer);
DROP FUNCTION @extschema@.markov_final(pg_catalog.internal);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, @extschema@.journey, double precision, double precision, double precision, pg_catalog.text);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision);
DROP FUNCTION @extschema@.shapley_trans(pg_catalog.internal, pg_catalog.text[], double precision, double precision, double precision, pg_catalog.text);
DROP FUNCTION @extschema@.shapley_final(pg_catalog.internal);
DROP FUNCTION @extschema@.path_table_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.path_table_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.path_table_deserial(pg_catalog.bytea, pg_catalog.internal);
DROP FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4);
DROP FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text);
DROP FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4);
DROP FUNCTION @extschema@.path_agg_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.bool, pg_catalog.int4, pg_catalog.text);
DROP FUNCTION @extschema@.path_after_final(pg_catalog.internal);
DROP FUNCTION @extschema@.path_before_final(pg_catalog.internal);
DROP FUNCTION @extschema@.path_agg_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.path_agg_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.path_agg_deserial(pg_catalog.bytea, pg_catalog.internal);

-- The support functions of the internal state of activity_buckets and
-- session_count (0.2.0), which the aggregates replaced by time_state.sql
-- no longer reference.
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, timestamptz, interval, pg_catalog.int4);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.int4);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4);
DROP FUNCTION @extschema@.activity_buckets_trans(pg_catalog.internal, pg_catalog.date, pg_catalog.int4, pg_catalog.int4);
DROP FUNCTION @extschema@.activity_buckets_final(pg_catalog.internal);
DROP FUNCTION @extschema@.activity_buckets_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.activity_buckets_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.activity_buckets_deserial(pg_catalog.bytea, pg_catalog.internal);
DROP FUNCTION @extschema@.session_count_trans(pg_catalog.internal, timestamptz, interval);
DROP FUNCTION @extschema@.session_count_trans(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8);
DROP FUNCTION @extschema@.session_count_final(pg_catalog.internal);
DROP FUNCTION @extschema@.session_count_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.session_count_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.session_count_deserial(pg_catalog.bytea, pg_catalog.internal);

-- The support functions of merge_agg's internal state (0.1.0 and 0.2.0),
-- which the aggregate replaced by merge_agg.sql (state journey_state) no
-- longer references; journey_agg_serial and journey_agg_deserial stay,
-- journey_agg uses them.
DROP FUNCTION @extschema@.journey_merge_agg_trans(pg_catalog.internal, @extschema@.journey);
DROP FUNCTION @extschema@.journey_merge_agg_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.journey_merge_agg_final(pg_catalog.internal);

-- The support functions of the internal state of window_funnel,
-- window_funnel_times, sequence_match and sequence_count (0.2.0), which
-- the aggregates replaced by step_agg.sql no longer reference.
DROP FUNCTION @extschema@.window_funnel_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_mode_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_mode_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_excl_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[], pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_excl_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[], pg_catalog.bool[]);
DROP FUNCTION @extschema@.window_funnel_label_trans(pg_catalog.internal, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text[]);
DROP FUNCTION @extschema@.window_funnel_label_trans_int(pg_catalog.internal, pg_catalog.int8, pg_catalog.int8, pg_catalog.text, pg_catalog.text[]);
DROP FUNCTION @extschema@.window_funnel_final(pg_catalog.internal);
DROP FUNCTION @extschema@.window_funnel_times_final(pg_catalog.internal);
DROP FUNCTION @extschema@.window_funnel_times_final_int(pg_catalog.internal);
DROP FUNCTION @extschema@.window_funnel_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.window_funnel_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.window_funnel_deserial(pg_catalog.bytea, pg_catalog.internal);
DROP FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.timestamptz, pg_catalog.bool[]);
DROP FUNCTION @extschema@.sequence_trans(pg_catalog.internal, pg_catalog.text, pg_catalog.int8, pg_catalog.bool[]);
DROP FUNCTION @extschema@.sequence_match_final(pg_catalog.internal);
DROP FUNCTION @extschema@.sequence_count_final(pg_catalog.internal);
DROP FUNCTION @extschema@.sequence_combine(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION @extschema@.sequence_serial(pg_catalog.internal);
DROP FUNCTION @extschema@.sequence_deserial(pg_catalog.bytea, pg_catalog.internal);
