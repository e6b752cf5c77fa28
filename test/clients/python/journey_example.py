#!/usr/bin/env python3
"""journey from Python with psycopg 3.

Records touchpoints, listens for stage changes and score crossings, reads
a funnel and an attribution table, and handles errors by SQLSTATE.  Connects with the usual
libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE) to a database that
has the extension and an empty customer model.  Prints TAP lines and ends
with "N passed, N failed"; exits non-zero when a check failed.

    PGDATABASE=mydb python3 test/clients/python/journey_example.py
"""

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import psycopg
from psycopg import errors
from psycopg.rows import dict_row

passed = failed = 0


def ok(condition, description):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok {passed + failed} - {description}")
    else:
        failed += 1
        print(f"not ok {passed + failed} - {description}")


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


# --- the application's data access: one function per API call ------------

def add_channel(conn, name, department, online, direct=False):
    conn.execute(
        "SELECT journey.add_channel(name => %s, department => %s, online => %s, direct => %s)",
        (name, department, online, direct))


def record_touchpoint(conn, customer, channel, event, at, value=None):
    """Records a touch; returns the touchpoint id."""
    return conn.execute(
        "SELECT journey.record_touchpoint(customer => %s, channel => %s, event => %s,"
        " at => %s, value => %s)",
        (customer, channel, event, at, value)).fetchone()[0]


def set_stage(conn, customer, model, stage, at, reason=None):
    conn.execute(
        "SELECT journey.set_stage(customer => %s, model => %s, stage => %s, at => %s, reason => %s)",
        (customer, model, stage, at, reason))


def link_identity(conn, alias, customer, source):
    """Stitches an alias to a customer; returns the touchpoints moved."""
    return conn.execute(
        "SELECT journey.link_identity(alias => %s, customer => %s, source => %s)",
        (alias, customer, source)).fetchone()[0]


def wait_for(listener, received, count, timeout=10.0):
    """Waits until `count` notifications have arrived, at most `timeout` s.

    psycopg hands notifications to the handlers whenever the connection talks
    to the server, so an idle listener polls with a no-op query (psycopg 3.2
    also offers listener.notifies(timeout=..., stop_after=...))."""
    deadline = time.monotonic() + timeout
    while len(received) < count and time.monotonic() < deadline:
        listener.execute("SELECT 1")
        if len(received) < count:
            time.sleep(0.05)
    return len(received) >= count


def main():
    # Autocommit: every statement commits on its own unless it runs inside
    # `with conn.transaction():`, which commits at the end of the block or
    # rolls back when an exception leaves it.
    conn = psycopg.connect(autocommit=True)
    # Marketing automation listens on its own connection.
    listener = psycopg.connect(autocommit=True)
    received = []
    listener.add_notify_handler(lambda n: received.append(n))
    listener.execute("LISTEN journey_stage")

    # 1. Channels, touchpoints, identity stitching, stage changes ---------
    for name, department, online, direct in [
            ("web", "marketing", True, False),
            ("email", "marketing", True, False),
            ("store", "sales", False, False),
            ("direct", "marketing", True, True)]:
        add_channel(conn, name, department, online, direct)
    n = conn.execute(
        "SELECT count(*) FROM journey.channels WHERE name = ANY(%s)",
        (["web", "email", "store", "direct"],)).fetchone()[0]
    ok(n == 4, "four channels configured")

    first = record_touchpoint(conn, "alice", "web", "visit", utc("2026-01-05 10:00"))
    second = record_touchpoint(conn, "alice", "email", "cart", utc("2026-01-06 09:00"))
    ok(0 < first < second, "record_touchpoint returns increasing ids")
    set_stage(conn, "alice", "lifecycle", "discovery", utc("2026-01-05 10:00"))

    # The order: purchase and stage change commit together (the notification
    # is delivered at commit).
    with conn.transaction():
        record_touchpoint(conn, "alice", "store", "purchase", utc("2026-01-08 15:00"),
                          Decimal("120.00"))
        set_stage(conn, "alice", "lifecycle", "purchase", utc("2026-01-08 15:00"), "order 1001")

    ok(wait_for(listener, received, 2), "listener received 2 journey_stage notifications")
    payloads = [json.loads(n.payload) for n in received if n.channel == "journey_stage"]
    ok(len(payloads) >= 1 and payloads[0]["customer"] == "alice"
       and payloads[0]["from"] is None and payloads[0]["to"] == "discovery",
       "first notification: alice entered discovery")
    ok(len(payloads) >= 2 and payloads[1]["customer"] == "alice"
       and payloads[1]["from"] == "discovery" and payloads[1]["to"] == "purchase"
       and payloads[1]["reason"] == "order 1001"
       and datetime.fromisoformat(payloads[1]["at"]) == utc("2026-01-08 15:00"),
       "second notification: alice moved from discovery to purchase (order 1001)")

    with conn.transaction():
        record_touchpoint(conn, "bob", "web", "visit", utc("2026-01-05 11:00"))
        record_touchpoint(conn, "bob", "web", "cart", utc("2026-01-20 11:00"))
        record_touchpoint(conn, "dave", "store", "purchase", utc("2026-01-09 12:00"),
                          Decimal("50.00"))

    # An anonymous cookie logs in as carol.
    record_touchpoint(conn, "cookie-7f3a", "web", "visit", utc("2026-01-10 08:00"))
    moved = link_identity(conn, "cookie-7f3a", "carol", "web cookie")
    ok(moved == 1, "link_identity moved the cookie's touchpoint to carol")
    tid = record_touchpoint(conn, "cookie-7f3a", "email", "cart", utc("2026-01-11 08:00"))
    owner = conn.execute("SELECT customer FROM journey.touchpoints WHERE id = %s",
                         (tid,)).fetchone()[0]
    ok(owner == "carol", "a touchpoint recorded for the cookie belongs to carol")
    record_touchpoint(conn, "carol", "direct", "purchase", utc("2026-01-12 08:00"),
                      Decimal("80.00"))

    # 2. The funnel ----------------------------------------------------------
    rows = conn.execute(
        "SELECT customer,"
        "       journey.window_funnel(%s, ts, event = %s, event = %s, event = %s) AS reached"
        "  FROM journey.touchpoints GROUP BY customer",
        (timedelta(days=7), "visit", "cart", "purchase")).fetchall()
    funnel = dict(rows)
    print("# funnel:", ", ".join(f"{c} {r}" for c, r in sorted(funnel.items())))
    ok(funnel == {"alice": 3, "bob": 1, "carol": 3, "dave": 0},
       "funnel levels: alice 3, bob 1, carol 3, dave 0")

    # 3. Attribution ---------------------------------------------------------
    refreshed = conn.execute("SELECT journey.refresh_journeys()").fetchone()[0]
    ok(refreshed == 4, "refresh_journeys updated 4 customers")

    # markov_model returns journey.credit[]: unnest it in SQL into plain rows.
    with conn.cursor(row_factory=dict_row) as cur:
        markov = {r["label"]: r for r in cur.execute(
            "SELECT (unnest(journey.markov_model(path, conversions, value, nulls))).*"
            "  FROM journey.marketing_paths")}
    for label, r in sorted(markov.items()):
        print(f"# markov: {label} conversions {r['conversions']:.4f} value {r['value']:.2f}")
    conversions = conn.execute(
        "SELECT sum(conversions)::bigint FROM journey.marketing_paths").fetchone()[0]
    ok(abs(sum(r["conversions"] for r in markov.values()) - conversions) < 1e-9
       and abs(sum(r["value"] for r in markov.values()) - 250) < 1e-9
       and abs(sum(r["weight"] for r in markov.values()) - 1) < 1e-9,
       "markov credits sum to the 3 conversions and their value 250")
    ok("web" in markov and abs(markov["web"]["conversions"] - 6 / 7) < 1e-9,
       "markov: web earns 6/7 of a conversion")

    rows = conn.execute(
        "SELECT a.label, sum(a.credit)"
        "  FROM journey.customer_journeys cj"
        "  JOIN (SELECT customer, min(ts) AS purchased FROM journey.touchpoints"
        "         WHERE event = %(conversion)s GROUP BY customer) p USING (customer),"
        "       journey.attribute(cj.journey, %(model)s, conversion_time => p.purchased) a"
        " GROUP BY a.label",
        {"model": "last_non_direct", "conversion": "purchase"}).fetchall()
    credits = {label: credit for label, credit in rows}
    print("# last_non_direct:", ", ".join(f"{c} {v:g}" for c, v in sorted(credits.items())))
    ok(credits == {"direct": 0, "email": 1, "store": 2, "web": 0},
       "last_non_direct: store 2, email 1, direct and web 0")
    buyers = conn.execute(
        "SELECT count(DISTINCT customer) FROM journey.touchpoints WHERE event = %s",
        ("purchase",)).fetchone()[0]
    ok(abs(sum(credits.values()) - buyers) < 1e-9,
       "attributed credits sum to the 3 converted customers")

    # 4. Errors: psycopg raises a subclass of psycopg.Error per SQLSTATE ----
    try:
        with conn.transaction():
            record_touchpoint(conn, "erin", "web", "visit", utc("2026-01-15 10:00"))
            record_touchpoint(conn, "erin", "fax", "visit", utc("2026-01-15 10:05"))
        ok(False, "unknown channel: SQLSTATE 23503 (no error raised)")
    except errors.ForeignKeyViolation as e:
        print(f"# {e.diag.message_primary} (hint: {e.diag.message_hint})")
        ok(e.sqlstate == "23503", "unknown channel: SQLSTATE 23503")
    erin = conn.execute("SELECT count(*) FROM journey.customers WHERE id = %s",
                        ("erin",)).fetchone()[0]
    ok(erin == 0, "the batch with the bad touchpoint was rolled back")

    try:
        conn.execute("SELECT journey.length(%s::journey.journey)", ("web@not a time",))
        ok(False, "malformed journey text: SQLSTATE 22P02 (no error raised)")
    except psycopg.Error as e:
        print(f"# {e.diag.message_primary}")
        ok(e.sqlstate == "22P02", "malformed journey text: SQLSTATE 22P02")

    try:
        conn.execute("SELECT * FROM journey.attribute(%s::text[], %s)",
                     (["web", "email"], "u_shaped"))
        ok(False, "unknown attribution model: SQLSTATE 22023 (no error raised)")
    except psycopg.Error as e:
        print(f"# {e.diag.message_primary} (hint: {e.diag.message_hint})")
        ok(e.sqlstate == "22023", "unknown attribution model: SQLSTATE 22023")

    n = conn.execute("SELECT count(*) FROM journey.touchpoints").fetchone()[0]
    ok(n == 9, "nothing else was recorded")

    # 5. Real-time scores: a rule scores every customer after each touchpoint
    # with a fitted journey.markov and announces crossings of its threshold
    # with NOTIFY journey_score.  The model as text (usually markov_fit over
    # marketing_paths): from web a customer converts with probability 0.2,
    # from email 0.8.
    listener.execute("LISTEN journey_score")
    model = ("order=1; [] p=0.3 v=30 c=0 w=0 -> email:0.5, web:0.5;"
             " [email] p=0.8 v=80 c=0.8 w=80; [web] p=0.2 v=20 c=0 w=0 -> email:0.25")
    conn.execute("SELECT journey.add_score_rule(%s, %s::journey.markov, %s, %s)",
                 ("likely buyer", model, 0.5, "marketing"))
    received.clear()
    # Frank: web (0.2, below 0.5 as before), email (0.8: up), web (0.2: down).
    record_touchpoint(conn, "frank", "web", "visit", utc("2026-01-20 10:00"))
    record_touchpoint(conn, "frank", "email", "open", utc("2026-01-21 10:00"))
    record_touchpoint(conn, "frank", "web", "visit", utc("2026-01-22 10:00"))
    ok(wait_for(listener, received, 2), "listener received 2 journey_score notifications")
    scores = [json.loads(n.payload) for n in received if n.channel == "journey_score"]
    ok(len(scores) == 2, f"exactly 2 score notifications (got {len(scores)})")
    ok(len(scores) >= 1 and scores[0]["customer"] == "frank"
       and scores[0]["rule"] == "likely buyer"
       and abs(scores[0]["old"] - 0.2) < 1e-12 and abs(scores[0]["new"] - 0.8) < 1e-12
       and datetime.fromisoformat(scores[0]["at"]) == utc("2026-01-21 10:00"),
       "first score notification: frank crossed 0.5 upwards (email)")
    ok(len(scores) >= 2 and scores[1]["customer"] == "frank"
       and abs(scores[1]["old"] - 0.8) < 1e-12 and abs(scores[1]["new"] - 0.2) < 1e-12
       and datetime.fromisoformat(scores[1]["at"]) == utc("2026-01-22 10:00"),
       "second score notification: frank crossed 0.5 downwards (web)")
    conn.execute("SELECT journey.drop_score_rule(%s)", ("likely buyer",))

    listener.close()
    conn.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # an unexpected error is a failure, not a crash
        failed += 1
        print(f"not ok {passed + failed} - unexpected {type(e).__name__}: {e}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
