# journey — PGXS build
#
# Build and install:   make && make install
# Demo on a throwaway cluster (installs what is missing):   make demo
# Whole test suite on a throwaway cluster:                  make test

EXTENSION = journey
EXTVERSION = 0.1.0

MODULE_big = journey
# Every C file in src/ is part of the module.
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is generated from one SQL fragment per concern, kept
# beside its C file, in this order (a fragment not written yet is skipped).
SQL_FRAGMENTS = $(foreach f, \
	src/journey_head.sql \
	src/journey_type.sql \
	src/journey_agg.sql \
	src/journey_ops.sql \
	src/stage.sql \
	src/funnel.sql \
	src/sequence.sql \
	src/retention.sql \
	src/session.sql \
	src/paths.sql \
	src/attribution.sql \
	src/markov.sql \
	src/shapley.sql \
	src/model.sql \
	,$(wildcard $(f)))

DATA_built = journey--$(EXTVERSION).sql
# Frozen scripts of released versions and the upgrade steps between them.
DATA = $(wildcard update/journey--*.sql)

REGRESS = $(sort $(patsubst sql/%.sql,%,$(wildcard sql/[a-z]*.sql)))
REGRESS_OPTS = --inputdir=.

PG_CPPFLAGS = -Isrc
# Warnings on for everyone; CI adds -Werror through EXTRA_CFLAGS (as pgvector
# does) so that a newer compiler never breaks a user's build.  The two -Wno
# flags silence warnings that PostgreSQL's own headers trigger under -Wextra.
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(EXTRA_CFLAGS)
EXTRA_CLEAN = results regression.diffs regression.out test/fuzz/journey_fuzz

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

journey--$(EXTVERSION).sql: $(SQL_FRAGMENTS)
	cat $(SQL_FRAGMENTS) > $@

# ---------------------------------------------------------------------------
# Entry points for people: bootstrap a throwaway cluster, run demo or tests.
# ---------------------------------------------------------------------------
.PHONY: demo test bench fuzz
demo:
	bash test/run.sh demo

test:
	bash test/run.sh test

bench:
	bash test/run.sh bench

fuzz:
	bash test/run.sh fuzz
