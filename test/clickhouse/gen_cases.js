// Random funnel groups; answers from ClickHouse (chDB) for every mode combination.
// Usage: node gen_cases.js SEED NCASES > cases.json (see README.md).
const chdb = require('chdb');
let seed = Number(process.argv[2] || 1);
const NCASES = Number(process.argv[3] || 200);
function rnd(n) { /* mulberry32 */ seed = (seed + 0x6D2B79F5) | 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) % n; }
const MODES = [];
const base = ['strict_deduplication', 'strict_order', 'strict_increase', 'strict_once'];
for (let s = 0; s < 16; s++) {
  const m = base.filter((_, i) => s & (1 << i));
  MODES.push(m);
  if (s & 2) MODES.push(m.concat(['allow_reentry']));
}
const cases = [];
for (let c = 1; c <= NCASES; c++) {
  const nsteps = 3 + rnd(2);
  const n = 1 + rnd(10);
  const multi = rnd(3) === 0;           // rows may satisfy several steps
  const ev = [];
  for (let i = 0; i < n; i++) {
    const t = rnd(6);
    let m;
    if (multi) m = rnd(1 << nsteps);
    else { const k = rnd(nsteps + 1); m = k === nsteps ? 0 : (1 << k); }
    ev.push([t, m]);
  }
  cases.push({ id: c, w: rnd(6), nsteps, ev });
}
const rows = [];
for (const c of cases) for (const [t, m] of c.ev) rows.push(`(${c.id},${t},${m})`);
const sess = new (require('chdb').Session)();
sess.query(`CREATE TABLE ev (id UInt32, t UInt32, m UInt32) ENGINE=MergeTree ORDER BY tuple()`);
sess.query(`INSERT INTO ev VALUES ${rows.join(",")}`);
const ans = {};
for (const c of cases) ans[c.id] = [];
for (let mi = 0; mi < MODES.length; mi++) {
  for (const w of [0,1,2,3,4,5]) for (const ns of [3,4]) {
    const ids = cases.filter(c => c.w === w && c.nsteps === ns).map(c => c.id);
    if (!ids.length) continue;
    const params = [w].concat(MODES[mi].map(x => `'${x}'`)).join(',');
    const conds = Array.from({length: ns}, (_, k) => `bitTest(m,${k})`).join(',');
    const q = `SELECT id, windowFunnel(${params})(t, ${conds}) FROM (SELECT * FROM ev WHERE id IN (${ids.join(',')}) ORDER BY id, t, m) GROUP BY id ORDER BY id SETTINGS max_threads=1`;
    const r = sess.query(q, 'TSV').trim();
    const got = {};
    for (const line of r.split('\n')) { const [id, v] = line.split('\t'); got[id] = Number(v); }
    for (const id of ids) ans[id][mi] = got[id];
  }
}
const out = { modes: MODES.map(m => m.join(',')), cases: cases.map(c => ({ ...c, ch: ans[c.id] })) };
process.stdout.write(JSON.stringify(out));
