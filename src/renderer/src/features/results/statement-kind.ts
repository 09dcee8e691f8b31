/** True for DDL that adds, removes or renames tables, columns, views or schemas (leading comments skipped). */
export function changesSchema(sql: string): boolean {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) i = sql.includes('\n', i) ? sql.indexOf('\n', i) + 1 : sql.length;
    else if (sql.startsWith('/*', i)) i = sql.includes('*/', i) ? sql.indexOf('*/', i) + 2 : sql.length;
    else break;
  }
  return /^(?:CREATE|ALTER|DROP|RENAME)\b/i.test(sql.slice(i, i + 10));
}
