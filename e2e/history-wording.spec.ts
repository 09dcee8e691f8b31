import { expect, test } from './fixtures';
import { HistoryPage } from './pages/history.page';
import { randomSuffix } from './support/host-rpc';

test('history words row counts as the result did: affected rows for DML, none for DDL', async ({ app, editor }) => {
  const table = `e2e_hist_${randomSuffix()}`;
  await editor.setSql(
    [
      `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name TEXT);`,
      `INSERT INTO ${table} (name) VALUES ('a'), ('b');`,
      `DELETE FROM ${table} WHERE id = 2;`,
      `SELECT * FROM ${table};`,
      `DROP TABLE ${table};`,
    ].join('\n'),
  );
  await editor.runAll();
  // the DROP asks first
  await editor.confirmRun();
  await expect(editor.resultTabs).toHaveCount(5);

  const history = new HistoryPage(app);
  await history.open();
  await expect(history.entry(`INSERT INTO ${table}`)).toContainText('2 rows affected');
  await expect(history.entry(`DELETE FROM ${table}`)).toContainText('1 row affected');
  await expect(history.entry(`SELECT * FROM ${table}`)).toContainText('1 row');
  await expect(history.entry(`SELECT * FROM ${table}`)).not.toContainText('affected');
  await expect(history.entry(`CREATE TABLE ${table}`)).not.toContainText('row');
  await expect(history.entry(`DROP TABLE ${table}`)).not.toContainText('row');
});
