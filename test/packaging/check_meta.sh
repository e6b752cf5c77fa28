#!/usr/bin/env bash
#
# test/packaging/check_meta.sh — validate META.json against the PGXN Meta
# Spec v1.0.0 without network access, and check it against journey.control.
#
#   bash test/packaging/check_meta.sh [META.json]
#
# Debian 12 has no PGXN::Meta::Validator package, so the rules of the spec
# (https://pgxn.org/meta/spec.txt, as its v1 JSON schemas state them) are
# written out below: required keys, the type and form of every key the spec
# defines, no unknown top-level keys except x_/X_ ones.  On top of the spec:
#   - provides.journey.version and the distribution version equal
#     default_version in journey.control;
#   - every file named in provides exists in the tree;
#   - no URL anywhere in the file is a placeholder (example.*, localhost,
#     TODO, ...); resources, when present, hold real http(s) URLs.
# Then a self-test feeds broken variants of the file to the same checker and
# requires each one to be rejected, so a checker that accepts everything
# fails.  Ends with "N passed, N failed"; exit status 0 only if none failed.

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
META=${1:-$ROOT/META.json}
command -v python3 >/dev/null 2>&1 || {
	echo "check_meta.sh: python3 is needed (apt-get install python3-minimal)" >&2
	exit 2
}

exec python3 - "$META" "$ROOT" <<'PYEOF'
import copy
import json
import os
import re
import sys

meta_path, root = sys.argv[1], sys.argv[2]

# --- the spec's vocabulary ---------------------------------------------------
LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
    "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
    "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
    "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
    "restricted", "unrestricted", "unknown",
}
TOP_KEYS = {"name", "version", "abstract", "maintainer", "license",
            "provides", "meta-spec", "description", "generated_by", "tags",
            "no_index", "prereqs", "release_status", "resources"}
REQUIRED = ["name", "version", "abstract", "maintainer", "license",
            "provides", "meta-spec"]
EXT_KEYS = {"file", "version", "abstract", "docfile", "docpath"}
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}
SPEC_URLS = {"https://pgxn.org/meta/spec.txt", "http://pgxn.org/meta/spec.txt"}

NUM = r"(?:0|[1-9][0-9]*)"
PRE = r"(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)"
SEMVER = (rf"{NUM}\.{NUM}\.{NUM}(?:-{PRE}(?:\.{PRE})*)?"
          r"(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?")
SEMVER_RE = re.compile(rf"^{SEMVER}$")
# A version range: "1.2.3", "0", or comma-separated "op version" clauses.
CLAUSE = rf"(?:(?:[=!]=|[<>]=?)\s*)?(?:{SEMVER}|0)"
RANGE_RE = re.compile(rf"^{CLAUSE}(?:,\s*{CLAUSE})*$")
CNTRL = r"\x00-\x1f\x7f"
TERM_RE = re.compile(rf"^[^/\\\s{CNTRL}]{{2,}}$")
TAG_RE = re.compile(rf"^[^/\\{CNTRL}]{{2,255}}$")
X_KEY = re.compile(r"^[xX]_.")
PLACEHOLDER = re.compile(
    r"(example\.(com|org|net)|\.example\b|\.invalid\b|\.test\b|localhost|"
    r"127\.0\.0\.1|TODO|FIXME|XXX|CHANGEME|your[-_]?(name|user|org))",
    re.IGNORECASE)
URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:/\S*)?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def control_version():
    with open(os.path.join(root, "journey.control")) as f:
        for line in f:
            m = re.match(r"^\s*default_version\s*=\s*'([^']*)'", line)
            if m:
                return m.group(1)
    return None


def is_str(v, minlen=1):
    return isinstance(v, str) and len(v) >= minlen


def is_path(v):
    return (is_str(v, 2) and not v.startswith("/") and "\\" not in v
            and ".." not in v.split("/"))


def validate(meta, ctl_version, check_files=True):
    """Returns a list of (ok, message), one per rule."""
    res = []

    def rule(ok, msg):
        res.append((bool(ok), msg))

    if not isinstance(meta, dict):
        rule(False, "top level is a JSON object")
        return res
    rule(True, "top level is a JSON object")

    missing = [k for k in REQUIRED if k not in meta]
    rule(not missing, "required keys present" +
         (f" (missing: {', '.join(missing)})" if missing else ""))
    unknown = sorted(k for k in meta if k not in TOP_KEYS and not X_KEY.match(k))
    rule(not unknown, "no unknown top-level keys" +
         (f" (unknown: {', '.join(unknown)})" if unknown else ""))

    rule(is_str(meta.get("name")) and TERM_RE.match(meta["name"]),
         "name is a term (2+ chars, no slash, backslash, space or control)")
    rule(is_str(meta.get("version")) and SEMVER_RE.match(meta["version"]),
         "version is a semantic version")
    rule(is_str(meta.get("abstract")), "abstract is a non-empty string")
    if "description" in meta:
        rule(is_str(meta["description"]), "description is a non-empty string")
    if "generated_by" in meta:
        rule(is_str(meta["generated_by"]), "generated_by is a non-empty string")

    m = meta.get("maintainer")
    ok = is_str(m) or (isinstance(m, list) and m and
                       all(is_str(x) for x in m) and len(set(m)) == len(m))
    rule(ok, "maintainer is a string or a non-empty list of unique strings")

    lic = meta.get("license")
    if isinstance(lic, dict):
        ok = bool(lic) and all(isinstance(v, str) and URL_RE.match(v)
                               for v in lic.values())
    elif isinstance(lic, list):
        ok = bool(lic) and all(x in LICENSES for x in lic) and \
            len(set(lic)) == len(lic)
    else:
        ok = lic in LICENSES
    rule(ok, "license is a known license string, list of them, or {name: URL}")

    ms = meta.get("meta-spec")
    ok = (isinstance(ms, dict) and is_str(ms.get("version"))
          and re.match(r"^1\.0\.[0-9]+$", ms["version"])
          and ("url" not in ms or ms["url"] in SPEC_URLS)
          and all(k in ("version", "url") or X_KEY.match(k) for k in ms))
    rule(ok, "meta-spec is {version: 1.0.x[, url: pgxn.org/meta/spec.txt]}")

    if "release_status" in meta:
        rule(meta["release_status"] in ("stable", "testing", "unstable"),
             "release_status is stable, testing or unstable")

    if "tags" in meta:
        t = meta["tags"]
        ok = (isinstance(t, list) and t and len(set(map(str, t))) == len(t)
              and all(isinstance(x, str) and TAG_RE.match(x) for x in t))
        rule(ok, "tags is a non-empty list of unique 2-255 char strings "
                 "without slash, backslash or control characters")

    if "no_index" in meta:
        ni = meta["no_index"]

        def file_list(v):
            return is_path(v) or (isinstance(v, list) and v and
                                  all(is_path(x) for x in v) and
                                  len(set(v)) == len(v))
        ok = (isinstance(ni, dict)
              and ("file" in ni or "directory" in ni)
              and all((k in ("file", "directory") and file_list(v))
                      or X_KEY.match(k) for k, v in ni.items()))
        rule(ok, "no_index is {file|directory: path or list of paths}")

    if "prereqs" in meta:
        pr = meta["prereqs"]
        ok = isinstance(pr, dict) and any(p in pr for p in PHASES)
        if ok:
            for phase, rels in pr.items():
                if X_KEY.match(phase):
                    continue
                if phase not in PHASES or not isinstance(rels, dict) or \
                        not any(r in rels for r in RELATIONS):
                    ok = False
                    break
                for rel, reqs in rels.items():
                    if X_KEY.match(rel):
                        continue
                    if rel not in RELATIONS or not isinstance(reqs, dict) \
                            or not reqs:
                        ok = False
                        break
                    for name, rng in reqs.items():
                        if not TERM_RE.match(name) or not (
                                rng == 0 or (isinstance(rng, str)
                                             and RANGE_RE.match(rng))):
                            ok = False
                if not ok:
                    break
        rule(ok, "prereqs is {phase: {relationship: {term: version range}}}")

    if "resources" in meta:
        rs = meta["resources"]
        ok = isinstance(rs, dict) and any(
            k in rs for k in ("homepage", "bugtracker", "repository"))
        if ok:
            for k, v in rs.items():
                if X_KEY.match(k):
                    continue
                if k == "homepage":
                    ok = ok and isinstance(v, str) and bool(URL_RE.match(v))
                elif k == "bugtracker":
                    ok = ok and isinstance(v, dict) and \
                        ("web" in v or "mailto" in v) and all(
                            (kk == "web" and isinstance(vv, str) and URL_RE.match(vv))
                            or (kk == "mailto" and isinstance(vv, str) and EMAIL_RE.match(vv))
                            or X_KEY.match(kk) for kk, vv in v.items())
                elif k == "repository":
                    ok = ok and isinstance(v, dict) and \
                        (("url" in v and "type" in v) or "web" in v) and all(
                            (kk in ("url", "web") and isinstance(vv, str)
                             and re.match(r"^[a-z][a-z0-9+.-]*://\S+$", vv))
                            or (kk == "type" and isinstance(vv, str)
                                and re.match(r"^[a-z]+$", vv))
                            or X_KEY.match(kk) for kk, vv in v.items())
                else:
                    ok = False
        rule(ok, "resources holds homepage/bugtracker/repository with real URLs")

    prov = meta.get("provides")
    ok = isinstance(prov, dict) and len(prov) > 0
    rule(ok, "provides is a non-empty object")
    if ok:
        for ext, e in prov.items():
            ok = (TERM_RE.match(ext) and isinstance(e, dict)
                  and "file" in e and "version" in e
                  and all(k in EXT_KEYS or X_KEY.match(k) for k in e)
                  and is_path(e["file"])
                  and isinstance(e["version"], str)
                  and SEMVER_RE.match(e["version"])
                  and ("abstract" not in e or is_str(e["abstract"]))
                  and ("docfile" not in e or is_path(e["docfile"]))
                  and ("docpath" not in e or is_str(e["docpath"])))
            rule(ok, f"provides.{ext} has file and semver version, "
                     "only known keys")
            if check_files and isinstance(e, dict):
                for k in ("file", "docfile"):
                    if isinstance(e.get(k), str):
                        rule(os.path.isfile(os.path.join(root, e[k])),
                             f"provides.{ext}.{k} ({e[k]}) exists in the tree")

    # Project rules beyond the spec.
    pj = prov.get("journey") if isinstance(prov, dict) else None
    pv = pj.get("version") if isinstance(pj, dict) else None
    rule(pv is not None and pv == ctl_version,
         f"provides.journey.version ({pv}) equals journey.control "
         f"default_version ({ctl_version})")
    rule(meta.get("version") == ctl_version,
         f"version ({meta.get('version')}) equals journey.control "
         f"default_version ({ctl_version})")

    bad = []

    def scan(v, where):
        if isinstance(v, dict):
            for k, vv in v.items():
                scan(vv, f"{where}.{k}")
        elif isinstance(v, list):
            for i, vv in enumerate(v):
                scan(vv, f"{where}[{i}]")
        elif isinstance(v, str):
            for u in re.findall(r"(?:https?://|mailto:)\S+|\S+@\S+", v):
                if PLACEHOLDER.search(u):
                    bad.append(f"{where}: {u}")
    scan(meta, "META")
    rule(not bad, "no placeholder URLs or addresses" +
         (f" ({'; '.join(bad)})" if bad else ""))
    return res


passed = failed = 0


def report(ok, msg):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {msg}")
    else:
        failed += 1
        print(f"not ok - {msg}")


ctl = control_version()
report(ctl is not None, f"journey.control has a default_version ({ctl})")
try:
    with open(meta_path) as f:
        meta = json.load(f)
    report(True, f"{os.path.relpath(meta_path, root)} is valid JSON")
except (OSError, ValueError) as e:
    report(False, f"{meta_path} is valid JSON ({e})")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1)

for ok, msg in validate(meta, ctl):
    report(ok, msg)
if "resources" not in meta:
    print("# note: no resources (optional in the spec): add homepage, "
          "bugtracker and repository once journey has a public home")


# Self-test: each broken variant must fail at least one rule.
def variant(desc, change):
    m = copy.deepcopy(meta)
    change(m)
    fails = [msg for ok, msg in validate(m, ctl, check_files=False) if not ok]
    report(fails, f"self-test rejects {desc}" +
           (f" ({fails[0]})" if fails else " (accepted!)"))


def set_(path, value):
    def f(m):
        d = m
        for k in path[:-1]:
            d = d.setdefault(k, {})
        d[path[-1]] = value
    return f


def del_(key):
    return lambda m: m.pop(key, None)


variant("a missing license", del_("license"))
variant("a missing meta-spec", del_("meta-spec"))
variant("an unknown license", set_(["license"], "postgres"))
variant("a non-semver version", set_(["version"], "0.1"))
variant("meta-spec version 2.0.0", set_(["meta-spec", "version"], "2.0.0"))
variant("an unknown top-level key", set_(["homepage"], "https://pgxn.org/"))
variant("provides.journey.version differing from the control file",
        set_(["provides", "journey", "version"], "9.9.9"))
variant("a provides entry without file",
        lambda m: m["provides"]["journey"].pop("file"))
variant("an empty tags list", set_(["tags"], []))
variant("a tag with a slash", set_(["tags"], ["a/b"]))
variant("release_status 'beta'", set_(["release_status"], "beta"))
variant("a bad prereq version", set_(["prereqs", "runtime", "requires",
                                      "PostgreSQL"], "15"))
variant("a placeholder homepage",
        set_(["resources"], {"homepage": "https://example.com/journey"}))
variant("a repository without url/type or web",
        set_(["resources"], {"repository": {"type": "git"}}))


# ... and a complete, correct variant must pass every rule, so a checker that
# rejects everything fails too.  (Well-formed addresses for the test only:
# they are not journey's, which has no public home yet.)
full = copy.deepcopy(meta)
full["resources"] = {
    "homepage": "https://pgxn.org/dist/journey/",
    "bugtracker": {"web": "https://github.com/pgxn/journey/issues",
                   "mailto": "journey@pgxn.org"},
    "repository": {"url": "https://github.com/pgxn/journey.git",
                   "web": "https://github.com/pgxn/journey", "type": "git"},
}
full["x_debian_source"] = "postgresql-journey"
fails = [msg for ok, msg in validate(full, ctl, check_files=False) if not ok]
report(not fails, "self-test accepts a variant with a full resources block" +
       (f" (rejected: {fails[0]})" if fails else ""))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PYEOF
