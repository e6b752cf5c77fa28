#!/usr/bin/env bash
#
# test/demo/report_check.sh — render the demo's HTML report in a real
# headless browser (Debian `chromium`), take a screenshot and check both.
#
#   bash test/demo/report_check.sh [REPORT.html]
#
# With a file: check that report.  Without: load the demo into a fresh
# database (test/demo/demo.sql with REPORT_CUSTOMERS customers, default
# 5000), write the report with test/demo/report.sql and check it; the
# server is reached through the PG* environment variables, with the journey
# extension installed (test/run.sh test provides both).
#
# Checks: the HTML is there, under 1 MB, holds the seven chart titles and
# one inline SVG per title, no reference to anything outside it (http:// or
# https://, scripts, links, imports, url()); no two labels of a chart
# overlap, none lies on a band or a bar of the flow, attribution,
# likely-buyers and funnel-correlation charts nor on a whisker of the
# latter, and the funnel's
# reconciliation adds up (python3; skipped without it); chromium renders it into a PNG screenshot larger
# than a few KB, 1400 pixels wide, with many distinct colours (decoded with
# python3, or judged by its size without it).  Prints "N passed, N failed"
# and exits non-zero on a failure.  The screenshot is written next to the
# HTML.  Both stay (and their paths are printed) when the HTML was given or
# REPORT_CHECK_DIR names the directory; the temporary directory made
# otherwise (~1 MB) is removed on every exit, failed or not.
#
# chromium is installed with apt-get when missing and we are root.  As
# root it needs --no-sandbox, which is passed always (we only open our own
# file).
#
# Environment: REPORT_CUSTOMERS (demo size), REPORT_CHECK_DB (use this
# database, already holding the demo, instead of loading a fresh one),
# REPORT_CHECK_DIR (where to write; default a new directory in
# ${JOURNEY_TMPDIR:-/tmp}), CHROMIUM (the browser binary).

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2

PASSED=0
FAILED=0
N=0
ok() {
	N=$((N + 1))
	PASSED=$((PASSED + 1))
	echo "ok $N - $1"
}
not_ok() {
	N=$((N + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $N - $1"
	[ $# -lt 2 ] || printf '#   %s\n' "${@:2}"
}
check() { # check DESCRIPTION COMMAND...
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# Temporary directories of this run, removed on every exit.
TMP_OUT=""
PROFILE=""
trap 'rm -rf ${TMP_OUT:+"$TMP_OUT"} ${PROFILE:+"$PROFILE"}' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
finish() {
	echo "$PASSED passed, $FAILED failed"
	[ $FAILED -eq 0 ]
	exit
}

TITLES=("1. Acquisition funnel" "2. Retention cohorts" "3. Flow of the first three touches"
	"4. Attribution by model" "5. Lifecycle stages per department" "6. Likely buyers this week"
	"7. What goes with buying after an Intent step")

# ---------------------------------------------------------------------------
# The report: given, or made from a fresh demo database
# ---------------------------------------------------------------------------
if [ $# -gt 1 ]; then
	echo "usage: test/demo/report_check.sh [REPORT.html]" >&2
	exit 2
fi
if [ $# -eq 1 ]; then
	HTML=$(realpath -m -- "$1")
	OUT=$(dirname "$HTML")
else
	OUT=${REPORT_CHECK_DIR:-}
	if [ -z "$OUT" ]; then
		OUT=$(mktemp -d "${JOURNEY_TMPDIR:-/tmp}/journey-report.XXXXXX") || exit 2
		TMP_OUT=$OUT
	fi
	mkdir -p "$OUT" && OUT=$(realpath -- "$OUT") || exit 2
	HTML=$OUT/journey-report.html
	DB=${REPORT_CHECK_DB:-}
	if [ -z "$DB" ]; then
		DB=journey_report_check
		if dropdb --if-exists "$DB" 2>"$OUT/demo.log" && createdb "$DB" 2>>"$OUT/demo.log" &&
			psql -X -q -v ON_ERROR_STOP=1 -v demo_customers="${REPORT_CUSTOMERS:-5000}" \
				-f test/demo/demo.sql "$DB" >>"$OUT/demo.log" 2>&1; then
			ok "demo.sql loads the demo (${REPORT_CUSTOMERS:-5000} customers) into $DB"
		else
			not_ok "demo.sql loads the demo into $DB" "$(tail -n 5 "$OUT/demo.log")"
			finish
		fi
	fi
	if psql -X -q -v ON_ERROR_STOP=1 -v report="$HTML" -f test/demo/report.sql "$DB" \
		>"$OUT/report.log" 2>&1; then
		ok "report.sql writes $HTML"
	else
		not_ok "report.sql writes the report" "$(tail -n 5 "$OUT/report.log")"
		finish
	fi
fi
PNG=${HTML%.html}.png
[ "$PNG" != "$HTML" ] || PNG=$HTML.png

# ---------------------------------------------------------------------------
# The HTML
# ---------------------------------------------------------------------------
if [ -s "$HTML" ]; then
	ok "the report exists: $HTML ($(wc -c <"$HTML") bytes)"
else
	not_ok "the report exists and is not empty: $HTML"
	finish
fi
check "the report is under 1 MB" [ "$(wc -c <"$HTML")" -lt 1048576 ]
check "the report is one complete HTML document" \
	sh -c 'head -c 15 "$1" | grep -qi "<!DOCTYPE html>" && tail -c 200 "$1" | grep -qi "</html>"' sh "$HTML"
for t in "${TITLES[@]}"; do
	check "chart title \"$t\"" grep -qF "<h2>$t" "$HTML"
done
n=$(grep -o '<svg' "$HTML" | wc -l)
check "${#TITLES[@]} inline SVG charts, one per title (found $n)" [ "$n" -eq ${#TITLES[@]} ]
ext=$(grep -oiE 'https?://|<script|<link|<img|<iframe|@import|url\(|src=|href=' "$HTML" | sort | uniq -c | tr -s ' \n' ' ')
if [ -z "$ext" ]; then
	ok "no external reference (http://, https://, script, link, img, iframe, @import, url(), src=, href=)"
else
	not_ok "no external reference" "found:$ext"
fi

# ---------------------------------------------------------------------------
# The layout of the labels, from the SVG in the HTML: the box of every
# <text> (x, y, anchor and an estimated width: characters x font size x
# 0.62, 0.68 bold; ascent 0.76 em, descent 0.22 em).  No two labels of a
# chart overlap (1 px apart at least); in the flow and attribution charts no
# label overlaps a node or bar unless it lies wholly inside it, and no label
# lies on a band of the flow.  And the funnel's reconciliation table adds up
# from the key figure "customers who purchased" to the funnel's Purchase.
# ---------------------------------------------------------------------------
PYTHON=$(command -v python3 || true)
if [ -n "$PYTHON" ]; then
	layout=$("$PYTHON" - "$HTML" <<'EOF' 2>&1
import html, re, sys

doc = open(sys.argv[1], encoding='utf-8').read()
results = []  # (passed, description, details)

# Font of a text from its classes, as the report's CSS sets it (later rules
# win: ttl 13, leg 12, axis 12, val 11, sm 10; default 11; ttl and val bold).
SIZES = [('ttl', 13), ('leg', 12), ('axis', 12), ('val', 11), ('sm', 10)]

def label_box(x, y, cls, s):
    classes = cls.split()
    fs = 11
    for c, size in SIZES:
        if c in classes:
            fs = size
    bold = 'ttl' in classes or 'val' in classes
    # width: characters x font size x 0.62 (0.68 bold), an upper bound for
    # DejaVu Sans / Arial digits and lower-case letters; height: ascent
    # 0.76 em above the baseline, descent 0.22 em below.
    w = len(s) * fs * (0.68 if bold else 0.62)
    x0 = x - w / 2 if 'm' in classes else (x - w if 'e' in classes else x)
    return (x0, y - 0.76 * fs, x0 + w, y + 0.22 * fs)

def overlap(a, b, tol=0.0):
    return a[0] < b[2] - tol and b[0] < a[2] - tol and a[1] < b[3] - tol and b[1] < a[3] - tol

def inside(a, b, tol=0.5):
    return a[0] >= b[0] - tol and a[2] <= b[2] + tol and a[1] >= b[1] - tol and a[3] <= b[3] + tol

NUM = r'(-?[\d.]+)'
charts = re.findall(r'<svg\b[^>]*aria-label="([^"]*)"[^>]*>(.*?)</svg>', doc, re.S)
for name, svg in charts:
    labels = [(html.unescape(t), label_box(float(x), float(y), c or '', html.unescape(t)))
              for x, y, c, t in re.findall(r'<text x="' + NUM + '" y="' + NUM + '"(?: class="([^"]*)")?>(.*?)</text>', svg)]
    clashes = []
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if overlap(labels[i][1], labels[j][1], -1.0):  # 1 px apart at least
                clashes.append('"%s" / "%s"' % (labels[i][0], labels[j][0]))
    results.append((not clashes, '%s: no two of its %d labels overlap' % (name, len(labels)), clashes[:8]))

    if name not in ('flow of the first touches', 'attribution by model', 'likely buyers this week',
                    'funnel correlation intent to purchase'):
        continue
    # Labels against bars and nodes: clear of every one, or wholly inside one
    # (a label written in its node).
    rects = [(float(x), float(y), float(x) + float(w), float(y) + float(h))
             for x, y, w, h in re.findall(r'<rect x="' + NUM + '" y="' + NUM + '" width="' + NUM + '" height="' + NUM + '"', svg)]
    clashes = []
    for s, box in labels:
        hit = [r for r in rects if overlap(box, r, 0.5)]
        if hit and not (len(hit) == 1 and inside(box, hit[0])):
            clashes.append('"%s" at %s' % (s, ','.join('%.0f' % v for v in box)))
    results.append((not clashes, '%s: no label overlaps a %s (%d labels, %d shapes)'
                    % (name, 'node' if name.startswith('flow') else 'bar', len(labels), len(rects)), clashes[:8]))
    if name.startswith('funnel correlation'):
        # Whiskers (the 95 % intervals) against the labels: no label on one.
        whiskers = [(min(float(x1), float(x2)) - 1, min(float(y1), float(y2)) - 1, max(float(x1), float(x2)) + 1,
                     max(float(y1), float(y2)) + 1)
                    for x1, y1, x2, y2 in re.findall(r'<line x1="' + NUM + '" y1="' + NUM + '" x2="' + NUM + '" y2="' + NUM
                                                     + '" class="whisk"', svg)]
        clashes = ['"%s"' % s for s, box in labels if any(overlap(box, w) for w in whiskers)]
        results.append((not clashes and len(whiskers) == 3 * len(rects) - 3 * 3,
                        '%s: no label lies on a whisker (%d labels, %d whisker lines: 3 per bar)'
                        % (name, len(labels), len(whiskers)), clashes[:8]))
    if not name.startswith('flow'):
        continue
    # Labels against the bands: a band is a cubic Bezier from (x1, y1) to
    # (x2, y2), control points at the middle x, stroked w wide; at a given x
    # it covers y(t) +- w/2 * sqrt(1 + slope^2).
    bands = [tuple(map(float, m)) for m in re.findall(
        r'<path class="link" d="M' + NUM + ' ' + NUM + ' C' + NUM + ' ' + NUM + ' ' + NUM + ' ' + NUM + ' ' + NUM + ' ' + NUM
        + '" stroke="[^"]*" stroke-width="' + NUM + '"', svg)]
    def bez(p0, p1, p2, p3, t):
        u = 1 - t
        return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3
    def dbez(p0, p1, p2, p3, t):
        u = 1 - t
        return 3 * u * u * (p1 - p0) + 6 * u * t * (p2 - p1) + 3 * t * t * (p3 - p2)
    clashes = []
    for s, box in labels:
        for x1, y1, c1x, c1y, c2x, c2y, x2, y2, w in bands:
            lo, hi = max(box[0], x1), min(box[2], x2)
            if lo > hi:
                continue
            n = int(hi - lo) + 1
            for k in range(n + 1):
                x = lo + (hi - lo) * k / n
                a, b = 0.0, 1.0
                for _ in range(40):
                    m = (a + b) / 2
                    if bez(x1, c1x, c2x, x2, m) < x:
                        a = m
                    else:
                        b = m
                t = (a + b) / 2
                y = bez(y1, c1y, c2y, y2, t)
                dx = dbez(x1, c1x, c2x, x2, t)
                slope = dbez(y1, c1y, c2y, y2, t) / dx if dx else 1e9
                half = w / 2 * (1 + slope * slope) ** 0.5
                if y - half < box[3] and box[1] < y + half:
                    clashes.append('"%s" on the band %.0f,%.0f-%.0f,%.0f' % (s, x1, y1, x2, y2))
                    break
            else:
                continue
            break
    results.append((not clashes, '%s: no label lies on a band (%d labels, %d bands)' % (name, len(labels), len(bands)),
                    clashes[:8]))

# The funnel's reconciliation: the rows add up, start from the key figure
# "customers who purchased" and end at the funnel's Purchase step.
def num(s):
    return int(re.sub(r'[^\d]', '', s))
m = re.search(r'<table class="fig recon">(.*?)</table>', doc, re.S)
if not m:
    results.append((False, 'funnel: the reconciliation table is there', []))
else:
    rows = re.findall(r'<tr[^>]*><td class="sign">([^<]*)</td><td>(.*?)</td><td>([\d,]+)</td></tr>', m.group(1))
    total, bad = None, []
    for sign, what, n in rows:
        n = num(n)
        if total is None:
            total = n
        elif sign == '−':
            total -= n
        elif sign == '=' and n != total:
            bad.append('"%s" is %d, the rows above give %d' % (html.unescape(what), n, total))
    kpi = re.search(r'<b>([\d,]+)</b><span>customers who purchased</span>', doc)
    funnel_all = re.search(r'<tr class="total"><td>all</td><td>[\d,]+</td><td>[\d,]+</td><td>[\d,]+</td><td>([\d,]+)</td>', doc)
    bought = [num(n) for s, w, n in rows if s == '=' and 'purchased at all' in w]
    if not kpi or not bought or num(kpi.group(1)) != bought[0]:
        bad.append('"purchased at all" is not the key figure "customers who purchased"')
    if not funnel_all or not rows or num(funnel_all.group(1)) != num(rows[-1][2]):
        bad.append('the last row is not the funnel\'s Purchase step (all customers)')
    results.append((not bad and len(rows) >= 5,
                    'funnel: the reconciliation adds up from "customers who purchased" (%s) to the funnel\'s Purchase step (%s)'
                    % (kpi.group(1) if kpi else '?', rows[-1][2] if rows else '?'), bad))

for passed, what, details in results:
    print('\t'.join(['ok' if passed else 'not ok', what] + list(details)))
EOF
	) || not_ok "the layout check runs" "$layout"
	while IFS=$'\t' read -r verdict what details; do
		case $verdict in
		ok) ok "$what" ;;
		"not ok") not_ok "$what" ${details:+"${details//$'\t'/; }"} ;;
		esac
	done <<<"$layout"
else
	ok "label layout not checked # SKIP no python3"
fi

# ---------------------------------------------------------------------------
# Render it
# ---------------------------------------------------------------------------
CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
	CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
fi
if [ -z "$CHROMIUM" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "# installing chromium (apt-get) ..."
	if apt-get update >"$OUT/apt.log" 2>&1 &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
			>>"$OUT/apt.log" 2>&1; then
		CHROMIUM=$(command -v chromium || true)
	else
		tail -n 5 "$OUT/apt.log" | sed 's/^/#   /'
	fi
fi
if [ -z "$CHROMIUM" ]; then
	not_ok "chromium is available" "install the Debian package chromium (as root: apt-get install chromium)"
	finish
fi
ok "chromium is available: $CHROMIUM"

PROFILE=$(mktemp -d "${JOURNEY_TMPDIR:-/tmp}/journey-chromium.XXXXXX")
rm -f "$PNG"
timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--no-first-run --user-data-dir="$PROFILE" \
	--screenshot="$PNG" --window-size=1400,7200 "file://$HTML" >"$OUT/chromium.log" 2>&1
rc=$?
rm -rf "$PROFILE"
if [ -s "$PNG" ]; then
	ok "chromium renders a screenshot: $PNG ($(wc -c <"$PNG") bytes)"
else
	not_ok "chromium renders a screenshot (exit $rc)" "$(grep -v -e dbus -e 'Fontconfig' "$OUT/chromium.log" | tail -n 5)"
	finish
fi
check "the screenshot is larger than 100 KB (a blank page is about 30 KB)" [ "$(wc -c <"$PNG")" -gt 102400 ]

# The PNG decoded by hand (zlib and the five row filters): its size, and
# the number of distinct pixel values (counting stops at 256).
if [ -n "$PYTHON" ]; then
	info=$("$PYTHON" - "$PNG" <<'EOF'
import struct, sys, zlib

data = open(sys.argv[1], 'rb').read()
if data[:8] != b'\x89PNG\r\n\x1a\n':
    sys.exit('not a PNG file')
pos, idat, ihdr = 8, [], None
while pos + 8 <= len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR':
        ihdr = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat.append(body)
    elif kind == b'IEND':
        break
    pos += 12 + length
width, height, depth, ctype, _, _, interlace = ihdr
channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
if depth != 8 or interlace:
    print(width, height, -1)
    sys.exit(0)
bpp = channels
stride = width * bpp
raw = zlib.decompress(b''.join(idat))
prev = bytearray(stride)
colours = set()
for y in range(min(height, 2500)):
    f = raw[y * (stride + 1)]
    cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride):
            cur[i] = (cur[i] + cur[i - bpp]) & 255
    elif f == 2:
        if any(cur):
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        else:
            cur = bytearray(prev)
    elif f == 3:
        for i in range(stride):
            left = cur[i - bpp] if i >= bpp else 0
            cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
    elif f == 4:
        for i in range(stride):
            a = cur[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[i] = (cur[i] + pred) & 255
    # sample every 7th pixel of the row
    for x in range(0, width, 7):
        colours.add(bytes(cur[x * bpp:(x + 1) * bpp]))
    prev = cur
    if len(colours) >= 256:
        break
print(width, height, len(colours))
EOF
	)
	read -r w h ncol <<<"$info"
	if [ -z "${ncol:-}" ]; then
		not_ok "the screenshot decodes as a PNG" "$info"
	else
		check "the screenshot is 1400 x 7200 pixels (the whole report) (got ${w} x ${h})" [ "$w" -eq 1400 -a "$h" -eq 7200 ]
		if [ "$ncol" -lt 0 ]; then
			check "the screenshot is not a single colour (size > 100 KB; not 8-bit, not decoded)" \
				[ "$(wc -c <"$PNG")" -gt 102400 ]
		else
			check "the screenshot is not a single colour ($ncol distinct colours seen, at least 64 wanted)" \
				[ "$ncol" -ge 64 ]
		fi
	fi
else
	check "the screenshot is not a single colour (no python3: size > 100 KB)" \
		[ "$(wc -c <"$PNG")" -gt 102400 ]
fi

if [ -z "$TMP_OUT" ]; then
	echo "# report: $HTML"
	echo "# screenshot: $PNG"
fi
finish
