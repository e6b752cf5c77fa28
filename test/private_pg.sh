#!/usr/bin/env bash
#
# test/private_pg.sh — a private, relocated copy of a PostgreSQL tree, for
# developers who run several test or benchmark jobs at once (one per git
# worktree).
#
#   bash test/private_pg.sh DIR [PG_CONFIG]
#
# test/run.sh installs journey into the server tree that PG_CONFIG names and
# holds /tmp/journey-install.lock meanwhile, so two jobs on one machine wait
# for each other.  This script copies the tree of PG_CONFIG (default Debian's
# PostgreSQL 15: binaries, libraries and extensions such as pgTAP and Citus,
# share files, server headers and PGXS) into DIR, keeping its layout, and
# prints the copy's pg_config.  PostgreSQL finds its share and library
# directories relative to its own binaries, so the copy works where it is:
#
#   PG=$(bash test/private_pg.sh /tmp/pg-mine)
#   PG_CONFIG=$PG JOURNEY_LOCK=/tmp/pg-mine/lock JOURNEY_PGPORT=56000 \
#       JOURNEY_ONLY="regress pgtap" bash test/run.sh test
#
# An existing DIR is reused as it is.  Remove it with rm -rf when done.
# The copy is readable by everyone (run.sh runs the server as `postgres`).

set -euo pipefail

DIR=${1:?usage: test/private_pg.sh DIR [PG_CONFIG]}
SRC=${2:-/usr/lib/postgresql/15/bin/pg_config}
[ -x "$SRC" ] || { echo "private_pg.sh: no $SRC" >&2; exit 1; }

bindir=$("$SRC" --bindir)
pg_config_rel=${bindir#/}/pg_config
if [ -x "$DIR/$pg_config_rel" ]; then
	echo "$DIR/$pg_config_rel"
	exit 0
fi

mkdir -p "$DIR"
chmod 755 "$DIR"
# Every directory pg_config reports that exists, copied to the same path
# under DIR.  Parents before children: a directory inside one already copied
# (the share or lib directory under a prefix) is skipped.
copied=()
for opt in --bindir --pkglibdir --sharedir --includedir-server --includedir \
	--libdir; do
	d=$("$SRC" "$opt") || continue
	[ -d "$d" ] || continue
	skip=0
	for c in "${copied[@]}"; do
		case $d/ in "$c"/*) skip=1 ;; esac
	done
	[ $skip -eq 1 ] && continue
	case $opt in
	--includedir | --libdir)
		# Shared with other software (/usr/include/postgresql holds the
		# libpq headers next to the server's directory; /usr/lib/x86_64-...
		# holds everything): copy only the files journey builds against.
		mkdir -p "$DIR$d"
		find "$d" -maxdepth 1 \( -type f -o -type l \) \( -name '*.h' -o -name 'libpq*' \) \
			-exec cp -a {} "$DIR$d/" \;
		;;
	*)
		mkdir -p "$DIR$(dirname "$d")"
		cp -a "$d" "$DIR$(dirname "$d")/"
		copied+=("$d")
		;;
	esac
done
# Directories that live inside the server's include directory but are
# reported separately: make sure the copy reports the copied ones.
got=$("$DIR/$pg_config_rel" --sharedir)
[ "$got" = "$DIR$("$SRC" --sharedir)" ] || {
	echo "private_pg.sh: the copy's pg_config reports $got: this tree is not relocatable" >&2
	exit 1
}
echo "$DIR/$pg_config_rel"
