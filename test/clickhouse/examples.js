// ClickHouse's published windowFunnel examples (tests/queries/0_stateless/
// 00632_aggregation_window_funnel): answers from ClickHouse (chDB), emitted as
// a pg_regress section comparing them with journey.window_funnel.
const chdb = require('chdb');
const S = [];
const ev = (name, rows, w, modes, conds, type) => S.push({ name, rows, w, modes, conds, type: type || 'int' });
const ft = [[0,1000],[1,1001],[2,1002],[3,1003],[4,1004],[5,1005],[6,1006],[7,1007],[8,1008]];
const e = (...xs) => xs.map(x => `ev = ${x}`);
ev('funnel_test w10000 1000', ft, 10000, [], e(1000));
ev('funnel_test w10000 1000,1001', ft, 10000, [], e(1000,1001));
ev('funnel_test w10000 1000..1002', ft, 10000, [], e(1000,1001,1002));
ev('funnel_test w10000 1000..1002,1008', ft, 10000, [], e(1000,1001,1002,1008));
ev('funnel_test w1 1000', ft, 1, [], e(1000));
ev('funnel_test w2 1003..1007', ft, 2, [], e(1003,1004,1005,1006,1007));
ev('funnel_test w3 1003..1007', ft, 3, [], e(1003,1004,1005,1006,1007));
ev('funnel_test w4 1003..1007', ft, 4, [], e(1003,1004,1005,1006,1007));
const ft2 = [[1,1001],[2,1002],[3,1003],[4,1004],[5,1005],[6,1006],[7,1007],[8,1008]];
ev('funnel_test2 w4 1003..1007', ft2, 4, [], e(1003,1004,1005,1006,1007));
ev('funnel_test2 w10000 1001,1008', ft2, 10000, [], e(1001,1008));
ev('funnel_test2 w10000 1008,1001', ft2, 10000, [], e(1008,1001));
ev('funnel_test2 w4 overlapping ranges', ft2, 4, [], ['ev <= 1007','ev >= 1002','ev <= 1006','ev >= 1004']);
const fu = ft2.map(([t, x]) => [100000000000000 + t, x]);
ev('funnel_test_u64 w4 1003..1007', fu, 4, [], e(1003,1004,1005,1006,1007));
ev('funnel_test_u64 w4 overlapping ranges', fu, 4, [], ['ev <= 1007','ev >= 1002','ev <= 1006','ev >= 1004']);
const fs = [[0,1000],[10,1001],[20,1002],[30,1003],[40,1004],[50,1005],[51,1005],[60,1006],[70,1007],[80,1008]];
ev('funnel_test_strict dedup', fs, 10000, ['strict_deduplication'], e(1000,1001,1002,1003,1004,1005,1006));
ev('funnel_test_strict default', fs, 10000, [], e(1000,1001,1002,1003,1004,1005,1006));
const so = {1:'a b c', 2:'a d b c', 3:'a a b b c c', 4:'a a a a b b c c', 5:'a a b b d c c', 6:'c c b b a a'};
const L = s => s.split(' ').map((x, i) => [i + 1, `'${x}'`]);
const abc = ["ev = 'a'", "ev = 'b'", "ev = 'c'"], abcd = abc.concat(["ev = 'd'"]);
for (const m of [[], ['strict_order'], ['strict_deduplication','strict_order']])
  for (const u in so) ev(`strict_order table user ${u} (${so[u]}) ${m.join('+') || 'default'}`, L(so[u]), 86400, m, abc, 'text');
ev('strict_order user 7 (a c b) w10', L('a c b'), 10, ['strict_order'], abc, 'text');
ev('issue 27469 (a b c b d) dedup', L('a b c b d'), 86400, ['strict_deduplication'], abcd, 'text');
ev('issue 37177 (install start login install ...) dedup',
   [[0,"'install'"],[5,"'start'"],[10,"'login'"],[15,"'install'"],[20,"'start'"],[25,"'install'"],[30,"'start'"],[35,"'login'"],[40,"'end'"]],
   60, ['strict_deduplication'], ["ev = 'install'","ev = 'start'","ev = 'login'","ev = 'end'"], 'text');
const si = [[0,1000],[1,1001],[1,1002],[1,1003],[2,1004]];
ev('strict_increase table default', si, 10000, [], e(1000,1001,1002,1003,1004));
ev('strict_increase table strict_increase', si, 10000, ['strict_increase'], e(1000,1001,1002,1003,1004));
ev('strict_increase table 1004 x3 default', si, 10000, [], e(1004,1004,1004));
ev('strict_increase table 1004 x3 strict_once', si, 10000, ['strict_once'], e(1004,1004,1004));
ev('strict_increase table 1004 x3 strict_increase', si, 10000, ['strict_increase'], e(1004,1004,1004));
const fo = {123: [[180,'failure'],[220,'failure'],[250,'success']], 234: [[100,'failure'],[250,'failure']], 345: [[200,'success'],[210,'failure'],[230,'success']]};
for (const m of [['strict_once','strict_increase'], ['strict_once'], ['strict_once','strict_deduplication']])
  for (const u in fo) ev(`failure/success uid ${u} ${m.join('+')}`, fo[u].map(([t, x]) => [t, `'${x}'`]), 200, m,
                         ["ev = 'failure'", "ev = 'failure'", "ev = 'success'"], 'text');
const ar = {1:'a b a c', 2:'a b a b c', 3:'a b c b d', 4:'a c b', 5:'a b c a b c d'};
for (const [m, c] of [[['strict_order'], abc], [['strict_order','allow_reentry'], abc], [['strict_order'], abcd],
                      [['strict_order','allow_reentry'], abcd], [['strict_order','allow_reentry','strict_deduplication'], abc]])
  for (const u in ar) ev(`allow_reentry table user ${u} (${ar[u]}) ${m.join('+')} ${c.length} steps`, L(ar[u]), 86400, m, c, 'text');
const ec = {1: [[100,'bc'],[200,'vpd'],[300,'bc'],[400,'cp']], 2: [[100,'bc'],[200,'vpd'],[250,'vpd'],[300,'bc'],[400,'cp']], 3: [[100,'bc'],[200,'vpd'],[300,'cp']]};
const c3 = ["ev = 'bc'","ev = 'vpd'","ev = 'cp'"], c4 = ["ev = 'bc'","ev = 'vpd'","ev = 'bc'","ev = 'cp'"];
for (const [m, c] of [[['strict_order'], c3], [['strict_order','allow_reentry'], c3], [['strict_order'], c4], [['strict_order','allow_reentry'], c4]])
  for (const u in ec) ev(`ecommerce user ${u} ${m.join('+')} ${c.length} steps`, ec[u].map(([t, x]) => [t, `'${x}'`]), 600, m, c, 'text');

const out = [];
for (const s of S) {
  const chType = s.type === 'int' ? 'UInt32' : 'String';
  const params = [s.w].concat(s.modes.map(x => `'${x}'`)).join(', ');
  const q = `SELECT windowFunnel(${params})(t, ${s.conds.join(', ')}) FROM values('t UInt64, ev ${chType}', ${s.rows.map(r => `(${r[0]}, ${r[1]})`).join(', ')})`;
  s.ch = Number(chdb.query(q, 'TSV').trim());
  const vals = s.rows.map(r => `(${r[0]}, ${r[1]})`).join(', ');
  out.push(`SELECT ${("'" + s.name + "'")} AS example, ${s.ch} AS clickhouse,  -- ClickHouse 26.7: ${s.ch}\n       (SELECT journey.window_funnel(${s.w}::bigint, '${s.modes.join(',')}', t::bigint, ${s.conds.join(', ')})\n        FROM (VALUES ${vals}) v(t, ev)) AS journey`);
}
console.log(out.join('\nUNION ALL\n') + ';');
