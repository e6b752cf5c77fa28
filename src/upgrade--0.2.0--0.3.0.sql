-- Changes to objects of 0.2.0 and earlier, for ALTER EXTENSION journey
-- UPDATE only: each one is also made in the fragment that defines the
-- object, so that a fresh install and an upgraded one agree (test/upgrade.sh
-- checks it).

