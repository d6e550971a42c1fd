import { Client } from 'pg';
/** Developer tool: samples wait events of active backends (connection string as argument). */
(async () => {
  const c = new Client({ connectionString: process.argv[2] });
  await c.connect();
  const counts = new Map<string, number>();
  for (let i = 0; i < 400; i++) {
    const r = await c.query(`SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
    for (const { w } of r.rows) counts.set(w, (counts.get(w) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const [w, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(String(n).padStart(6), w);
  await c.end();
})();
