# journey — PGXS build
#
# Build and install:   make && make install
# Demo on a throwaway cluster (installs what is missing):   make demo
# Whole test suite on a throwaway cluster:                  make test

EXTENSION = journey
EXTVERSION = 0.3.0

MODULE_big = journey
# Every C file in src/ is part of the module.
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
# Test builds (JOURNEY_TEST=1, as test/run.sh builds) add test-only entry
# points that no extension script declares: src/testing/fuzz_state.c, which
# the aggregate-state fuzzer declares in its own database (doc/fuzzing.md),
# and src/testing/markov_solvers.c, which test/pgtap/markov_dense.sql and
# the attribution benchmark declare.
ifeq ($(JOURNEY_TEST),1)
OBJS += src/testing/fuzz_state.o src/testing/markov_solvers.o
endif

# The install script is generated from one SQL fragment per concern, kept
# beside its C file.  Each released version lists the fragments it added, in
# install order; the install script of EXTVERSION is all of them, and the
# upgrade step from the previous version is the header plus the fragments
# EXTVERSION added (DEVELOPER.md, "Release checklist").
FRAGMENTS_0.1.0 = \
	src/journey_head.sql \
	src/journey_type.sql \
	src/journey_agg.sql \
	src/journey_ops.sql \
	src/merge_agg.sql \
	src/stage.sql
FRAGMENTS_0.2.0 = \
	src/funnel.sql \
	src/sequence.sql \
	src/step_agg.sql \
	src/retention.sql \
	src/session.sql \
	src/time_state.sql \
	src/paths.sql \
	src/path_agg.sql \
	src/attribution.sql \
	src/markov.sql \
	src/shapley.sql \
	src/model.sql
FRAGMENTS_0.3.0 = \
	src/correlation.sql \
	src/markov_fit.sql \
	src/score.sql \
	src/load.sql \
	src/distribute.sql
SQL_FRAGMENTS = $(FRAGMENTS_0.1.0) $(FRAGMENTS_0.2.0) $(FRAGMENTS_0.3.0)
PREVIOUS_VERSION = 0.2.0
# Statements that bring objects of earlier versions up to date (CREATE OR
# REPLACE, ALTER, DROP): run by the upgrade step only, since a fresh install
# already gets the new definitions from the fragments above.
UPGRADE_$(EXTVERSION) = src/upgrade--$(PREVIOUS_VERSION)--$(EXTVERSION).sql
# Fragments of earlier versions that the upgrade step runs again, whole,
# after the statements above (0.3.0: markov_model, shapley_model, path_after
# and path_before changed their state type; the fragments create the new
# support functions and CREATE OR REPLACE the aggregates, which keeps their
# OIDs and so the user's views on them).
# step_agg.sql: window_funnel, window_funnel_times, sequence_match and
# sequence_count (internal -> step_state).
UPGRADE_FRAGMENTS_0.3.0 = src/markov.sql src/shapley.sql src/path_agg.sql \
	src/step_agg.sql
# merge_agg (0.1.0) changed its state type to journey_state.
UPGRADE_FRAGMENTS_0.3.0 += src/merge_agg.sql
# activity_buckets and session_count: internal -> time_state.
UPGRADE_FRAGMENTS_0.3.0 += src/time_state.sql
# Statements the upgrade step runs last, after every fragment: drops of
# what the replaced objects no longer use.
UPGRADE_AFTER_$(EXTVERSION) = $(wildcard src/upgrade--$(PREVIOUS_VERSION)--$(EXTVERSION)-after.sql)

DATA_built = journey--$(EXTVERSION).sql journey--$(PREVIOUS_VERSION)--$(EXTVERSION).sql
# Frozen install scripts of released versions (CREATE EXTENSION ... VERSION).
DATA = $(wildcard update/journey--*.sql)

REGRESS = $(sort $(patsubst sql/%.sql,%,$(wildcard sql/[a-z]*.sql)))
REGRESS_OPTS = --inputdir=.

PG_CPPFLAGS = -Isrc
# Warnings on for everyone; CI adds -Werror through EXTRA_CFLAGS (as pgvector
# does) so that a newer compiler never breaks a user's build.  The two -Wno
# flags silence warnings that PostgreSQL's own headers trigger under -Wextra.
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(EXTRA_CFLAGS)
EXTRA_CLEAN = results regression.diffs regression.out test/fuzz/journey_fuzz \
	test/fuzz/state_fuzz src/testing/fuzz_state.o src/testing/fuzz_state.bc \
	src/testing/markov_solvers.o src/testing/markov_solvers.bc

PG_CONFIG ?= pg_config

# PostgreSQL major versions journey builds for; CI tests 15 and 18 (README).
SUPPORTED_PG_MAJORS = 15 16 17 18
PG_MAJOR := $(shell $(PG_CONFIG) --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
ifeq ($(PG_MAJOR),)
$(error journey: cannot run "$(PG_CONFIG) --version": install the server headers (postgresql-server-dev-NN) or pass PG_CONFIG=/path/to/pg_config)
endif
ifeq ($(filter $(PG_MAJOR),$(SUPPORTED_PG_MAJORS)),)
$(error journey supports PostgreSQL $(SUPPORTED_PG_MAJORS); $(PG_CONFIG) is PostgreSQL $(PG_MAJOR))
endif

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

journey--$(EXTVERSION).sql: $(SQL_FRAGMENTS)
	cat $(SQL_FRAGMENTS) > $@

journey--$(PREVIOUS_VERSION)--$(EXTVERSION).sql: src/update_head.sql $(UPGRADE_$(EXTVERSION)) $(UPGRADE_FRAGMENTS_$(EXTVERSION)) $(FRAGMENTS_$(EXTVERSION)) $(UPGRADE_AFTER_$(EXTVERSION))
	sed 's/@VERSION@/$(EXTVERSION)/' src/update_head.sql > $@
	cat $(UPGRADE_$(EXTVERSION)) $(UPGRADE_FRAGMENTS_$(EXTVERSION)) $(FRAGMENTS_$(EXTVERSION)) $(UPGRADE_AFTER_$(EXTVERSION)) /dev/null >> $@

# ---------------------------------------------------------------------------
# Entry points for people: bootstrap a throwaway cluster, run demo or tests.
# ---------------------------------------------------------------------------
.PHONY: demo test bench fuzz deb
demo:
	@bash test/run.sh demo

test:
	@bash test/run.sh test

bench:
	@bash test/run.sh bench

fuzz:
	@bash test/run.sh fuzz

# Build the Debian package, install it and run the regression suite against
# the installed files (doc/packaging.md).
deb:
	bash test/packaging/build_deb.sh
