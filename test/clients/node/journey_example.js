#!/usr/bin/env node
// journey from Node.js with node-postgres (npm package `pg`).
//
// Records touchpoints, listens for stage changes, reads a funnel and an
// attribution table, and handles errors by SQLSTATE.  pg reads PGHOST,
// PGPORT, PGUSER and PGDATABASE (a PGHOST starting with "/" is a Unix-socket
// directory); the database must have the extension and an empty customer
// model.  Prints TAP lines and ends with "N passed, N failed"; exits
// non-zero when a check failed.
//
//   cd test/clients/node && npm install && PGDATABASE=mydb node journey_example.js
'use strict';

const { Client } = require('pg');

let passed = 0;
let failed = 0;

function ok(condition, description) {
  if (condition) passed++;
  else failed++;
  console.log(`${condition ? 'ok' : 'not ok'} ${passed + failed} - ${description}`);
}

const utc = (iso) => new Date(`${iso}Z`);

// --- the application's data access: one function per API call ------------

async function addChannel(db, name, department, online, direct = false) {
  await db.query(
    'SELECT journey.add_channel(name => $1, department => $2, online => $3, direct => $4)',
    [name, department, online, direct]);
}

// Records a touch; returns the touchpoint id.  bigint and numeric come back
// as strings (they may not fit a JS number): convert where you need them.
async function recordTouchpoint(db, customer, channel, event, at, value = null) {
  const res = await db.query(
    'SELECT journey.record_touchpoint(customer => $1, channel => $2, event => $3,' +
    ' at => $4, value => $5) AS id',
    [customer, channel, event, at, value]);
  return BigInt(res.rows[0].id);
}

async function setStage(db, customer, model, stage, at, reason = null) {
  await db.query(
    'SELECT journey.set_stage(customer => $1, model => $2, stage => $3, at => $4, reason => $5)',
    [customer, model, stage, at, reason]);
}

// Stitches an alias to a customer; returns the touchpoints moved.
async function linkIdentity(db, alias, customer, source) {
  const res = await db.query(
    'SELECT journey.link_identity(alias => $1, customer => $2, source => $3) AS moved',
    [alias, customer, source]);
  return Number(res.rows[0].moved);
}

// Runs fn(db) in a transaction: COMMIT when it returns, ROLLBACK when it throws.
async function inTransaction(db, fn) {
  await db.query('BEGIN');
  try {
    const result = await fn(db);
    await db.query('COMMIT');
    return result;
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
}

// Resolves with the notifications once `count` have arrived, or after timeoutMs.
function waitFor(received, count, timeoutMs) {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      if (received.length >= count || Date.now() >= deadline) resolve(received);
      else setTimeout(poll, 20);
    };
    poll();
  });
}

// Expects `promise` to fail; returns the error (or null when it did not).
async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (err) {
    return err;
  }
}

async function main() {
  const db = new Client();
  await db.connect();
  // Marketing automation listens on its own connection.
  const listener = new Client();
  await listener.connect();
  const received = [];
  listener.on('notification', (msg) => {
    if (msg.channel === 'journey_stage') received.push(JSON.parse(msg.payload));
  });
  await listener.query('LISTEN journey_stage');

  try {
    // 1. Channels, touchpoints, identity stitching, stage changes ---------
    await addChannel(db, 'web', 'marketing', true);
    await addChannel(db, 'email', 'marketing', true);
    await addChannel(db, 'store', 'sales', false);
    await addChannel(db, 'direct', 'marketing', true, true);
    let res = await db.query(
      'SELECT count(*)::int AS n FROM journey.channels WHERE name = ANY($1::text[])',
      [['web', 'email', 'store', 'direct']]);
    ok(res.rows[0].n === 4, 'four channels configured');

    const first = await recordTouchpoint(db, 'alice', 'web', 'visit', utc('2026-01-05T10:00'));
    const second = await recordTouchpoint(db, 'alice', 'email', 'cart', utc('2026-01-06T09:00'));
    ok(first > 0n && second > first, 'record_touchpoint returns increasing ids');
    await setStage(db, 'alice', 'lifecycle', 'discovery', utc('2026-01-05T10:00'));

    // The order: purchase and stage change commit together (the
    // notification is delivered at commit).
    await inTransaction(db, async (tx) => {
      await recordTouchpoint(tx, 'alice', 'store', 'purchase', utc('2026-01-08T15:00'), '120.00');
      await setStage(tx, 'alice', 'lifecycle', 'purchase', utc('2026-01-08T15:00'), 'order 1001');
    });

    const notes = await waitFor(received, 2, 10000);
    ok(notes.length === 2, `listener received 2 journey_stage notifications (got ${notes.length})`);
    ok(notes.length >= 1 && notes[0].customer === 'alice' && notes[0].from === null &&
       notes[0].to === 'discovery',
       'first notification: alice entered discovery');
    ok(notes.length >= 2 && notes[1].customer === 'alice' && notes[1].from === 'discovery' &&
       notes[1].to === 'purchase' && notes[1].reason === 'order 1001' &&
       new Date(notes[1].at).getTime() === utc('2026-01-08T15:00').getTime(),
       'second notification: alice moved from discovery to purchase (order 1001)');

    await inTransaction(db, async (tx) => {
      await recordTouchpoint(tx, 'bob', 'web', 'visit', utc('2026-01-05T11:00'));
      await recordTouchpoint(tx, 'bob', 'web', 'cart', utc('2026-01-20T11:00'));
      await recordTouchpoint(tx, 'dave', 'store', 'purchase', utc('2026-01-09T12:00'), '50.00');
    });

    // An anonymous cookie logs in as carol.
    await recordTouchpoint(db, 'cookie-7f3a', 'web', 'visit', utc('2026-01-10T08:00'));
    const moved = await linkIdentity(db, 'cookie-7f3a', 'carol', 'web cookie');
    ok(moved === 1, "link_identity moved the cookie's touchpoint to carol");
    const tid = await recordTouchpoint(db, 'cookie-7f3a', 'email', 'cart', utc('2026-01-11T08:00'));
    res = await db.query('SELECT customer FROM journey.touchpoints WHERE id = $1', [tid.toString()]);
    ok(res.rows.length === 1 && res.rows[0].customer === 'carol',
       'a touchpoint recorded for the cookie belongs to carol');
    await recordTouchpoint(db, 'carol', 'direct', 'purchase', utc('2026-01-12T08:00'), '80.00');

    // 2. The funnel ----------------------------------------------------------
    res = await db.query(
      'SELECT customer,' +
      '       journey.window_funnel($1::interval, ts, event = $2, event = $3, event = $4) AS reached' +
      '  FROM journey.touchpoints GROUP BY customer ORDER BY customer',
      ['7 days', 'visit', 'cart', 'purchase']);
    const funnel = Object.fromEntries(res.rows.map((r) => [r.customer, r.reached]));
    console.log(`# funnel: ${JSON.stringify(funnel)}`);
    ok(JSON.stringify(funnel) === JSON.stringify({ alice: 3, bob: 1, carol: 3, dave: 0 }),
       'funnel levels: alice 3, bob 1, carol 3, dave 0');

    // 3. Attribution ---------------------------------------------------------
    res = await db.query('SELECT journey.refresh_journeys() AS refreshed');
    ok(Number(res.rows[0].refreshed) === 4, 'refresh_journeys updated 4 customers');

    // markov_model returns journey.credit[]: unnest it in SQL into plain rows.
    res = await db.query(
      'SELECT (unnest(journey.markov_model(path, conversions, value, nulls))).*' +
      '  FROM journey.marketing_paths ORDER BY label');
    const markov = Object.fromEntries(res.rows.map((r) => [r.label, r]));
    for (const r of res.rows) {
      console.log(`# markov: ${r.label} conversions ${r.conversions.toFixed(4)} value ${r.value.toFixed(2)}`);
    }
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const paths = await db.query('SELECT sum(conversions)::int AS n FROM journey.marketing_paths');
    ok(Math.abs(sum(res.rows.map((r) => r.conversions)) - paths.rows[0].n) < 1e-9 &&
       Math.abs(sum(res.rows.map((r) => r.value)) - 250) < 1e-9 &&
       Math.abs(sum(res.rows.map((r) => r.weight)) - 1) < 1e-9,
       'markov credits sum to the 3 conversions and their value 250');
    ok(markov.web !== undefined && Math.abs(markov.web.conversions - 6 / 7) < 1e-9,
       'markov: web earns 6/7 of a conversion');

    res = await db.query(
      'SELECT a.label, sum(a.credit) AS credit' +
      '  FROM journey.customer_journeys cj' +
      '  JOIN (SELECT customer, min(ts) AS purchased FROM journey.touchpoints' +
      '         WHERE event = $2 GROUP BY customer) p USING (customer),' +
      '       journey.attribute(cj.journey, $1, conversion_time => p.purchased) a' +
      ' GROUP BY a.label ORDER BY a.label',
      ['last_non_direct', 'purchase']);
    const credits = Object.fromEntries(res.rows.map((r) => [r.label, r.credit]));
    console.log(`# last_non_direct: ${JSON.stringify(credits)}`);
    ok(JSON.stringify(credits) === JSON.stringify({ direct: 0, email: 1, store: 2, web: 0 }),
       'last_non_direct: store 2, email 1, direct and web 0');
    const buyers = await db.query(
      'SELECT count(DISTINCT customer)::int AS n FROM journey.touchpoints WHERE event = $1',
      ['purchase']);
    ok(Math.abs(sum(Object.values(credits)) - buyers.rows[0].n) < 1e-9,
       'attributed credits sum to the 3 converted customers');

    // 4. Errors: err.code is the SQLSTATE -------------------------------------
    let err = await failure(inTransaction(db, async (tx) => {
      await recordTouchpoint(tx, 'erin', 'web', 'visit', utc('2026-01-15T10:00'));
      await recordTouchpoint(tx, 'erin', 'fax', 'visit', utc('2026-01-15T10:05'));
    }));
    if (err) console.log(`# ${err.message} (hint: ${err.hint})`);
    ok(err !== null && err.code === '23503', 'unknown channel: SQLSTATE 23503');
    res = await db.query('SELECT count(*)::int AS n FROM journey.customers WHERE id = $1', ['erin']);
    ok(res.rows[0].n === 0, 'the batch with the bad touchpoint was rolled back');

    err = await failure(db.query('SELECT journey.length($1::journey.journey)', ['web@not a time']));
    if (err) console.log(`# ${err.message}`);
    ok(err !== null && err.code === '22P02', 'malformed journey text: SQLSTATE 22P02');

    err = await failure(db.query('SELECT * FROM journey.attribute($1::text[], $2)',
                                 [['web', 'email'], 'u_shaped']));
    if (err) console.log(`# ${err.message} (hint: ${err.hint})`);
    ok(err !== null && err.code === '22023', 'unknown attribution model: SQLSTATE 22023');

    res = await db.query('SELECT count(*)::int AS n FROM journey.touchpoints');
    ok(res.rows[0].n === 9, 'nothing else was recorded');
  } finally {
    await listener.end();
    await db.end();
  }
}

main()
  .catch((err) => ok(false, `unexpected ${err.stack || err}`)) // a failure, not a crash
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  });
