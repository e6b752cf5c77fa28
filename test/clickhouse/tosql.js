const d = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const r = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
const L = [];
L.push(`CREATE TABLE ch_mode (mi int PRIMARY KEY, mode text);`);
L.push(`INSERT INTO ch_mode VALUES ${d.modes.map((m, i) => `(${i + 1}, '${m}')`).join(',\n  ')};`);
L.push(`CREATE TABLE ch_case (id int PRIMARY KEY, w int, nsteps int, t int[], m int[], ch int[], ch_rev int[]);`);
L.push(`COPY ch_case FROM stdin;`);
d.cases.forEach((c, i) =>
  L.push(`${c.id}\t${c.w}\t${c.nsteps}\t{${c.ev.map(e => e[0]).join(',')}}\t{${c.ev.map(e => e[1]).join(',')}}\t{${c.ch.join(',')}}\t{${r.cases[i].ch.join(',')}}`));
L.push('\\.');
console.log(L.join('\n'));
