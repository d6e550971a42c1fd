import { DataSource } from 'typeorm';

/**
 * The migrated schema as text, one line per fact, sorted: every table's columns, constraints, indexes and
 * triggers, its privileges, the default privileges, and every function (signature, owner, security,
 * settings and a hash of its body). Committed as migrations/schema.snapshot.txt so that a change to the
 * schema shows in review; the schema test fails while the file and the migrations disagree.
 */
export async function schemaSnapshot(ds: DataSource): Promise<string> {
  const q = async (sql: string) => ((await ds.query(sql)) as { line: string }[]).map((r) => r.line);
  const sections: [string, string[]][] = [
    [
      'columns',
      await q(`
        SELECT format('%s.%s %s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                      CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                      CASE WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END,
                      CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' collate ' || co.collname ELSE '' END) AS line
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          LEFT JOIN pg_collation co ON co.oid = a.attcollation
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY c.relname, a.attnum`),
    ],
    [
      'constraints',
      await q(`
        SELECT format('%s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.conrelid <> 0 ORDER BY 1`),
    ],
    [
      'indexes',
      await q(`
        SELECT pg_get_indexdef(i.indexrelid) AS line FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1`),
    ],
    [
      'triggers',
      await q(`
        SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`),
    ],
    [
      'privileges',
      await q(`
        SELECT format('%s %s', c.relname, coalesce(c.relacl::text, '(default)')) AS line FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v')
        UNION ALL
        SELECT format('%s.%s %s', c.relname, a.attname, a.attacl::text) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND a.attacl IS NOT NULL
        UNION ALL
        SELECT format('default %s %s %s', r.rolname, d.defaclobjtype, d.defaclacl::text) FROM pg_default_acl d
          JOIN pg_roles r ON r.oid = d.defaclrole
        ORDER BY 1`),
    ],
    [
      'functions',
      await q(`
        SELECT format('%s owner %s%s%s body %s', p.oid::regprocedure, r.rolname, CASE WHEN p.prosecdef THEN ' security definer' ELSE '' END,
                      coalesce(' set ' || array_to_string(p.proconfig, ' '), ''), md5(p.prosrc)) AS line
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
         WHERE n.nspname = 'public' ORDER BY 1`),
    ],
  ];
  return `${sections.map(([name, lines]) => `## ${name}\n${lines.join('\n')}`).join('\n\n')}\n`;
}
