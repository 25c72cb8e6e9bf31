import Database from 'better-sqlite3';
const db = new Database(process.argv[2], { readonly: true });
const qs = process.argv.slice(3);
for (const q of qs) {
  console.log(q.slice(0, 100));
  try { console.log(db.prepare('EXPLAIN QUERY PLAN ' + q).all().map(r => '  ' + r.detail).join('\n')); } catch (e) { console.log(e.message); }
  const st = db.prepare(q); const times = [];
  let n;
  for (let i = 0; i < 10; i++) { const t = performance.now(); n = st.all(); times.push(performance.now() - t); }
  times.sort((a,b)=>a-b); console.log('  rows', n.length, 'median ms', times[5].toFixed(2), JSON.stringify(n[0]).slice(0,150));
}
