import mysql from 'mysql2/promise';
import pg from 'pg';

/**
 * The core suites run against real PostgreSQL and MariaDB. Check both once, up front, so a server that is
 * down gives one clear message instead of a hundred connection errors.
 */
export default async function setup(): Promise<void> {
  const pgUrl = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const mysqlUrl = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    problems.push(
      `PostgreSQL at ${pgUrl} is not reachable (${(error as Error).message}). Start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or set BACKBENCH_TEST_PG_URL.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    const connection = await mysql.createConnection({ uri: mysqlUrl, connectTimeout: 5000 });
    await connection.query('SELECT 1');
    await connection.end();
  } catch (error) {
    problems.push(
      `MariaDB/MySQL at ${mysqlUrl} is not reachable (${(error as Error).message}). Start it with ` +
        '`start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql` or set BACKBENCH_TEST_MYSQL_URL.',
    );
  }
  if (problems.length) throw new Error(`Test databases are not available:\n- ${problems.join('\n- ')}`);
}
