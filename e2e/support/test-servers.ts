import mysql from 'mysql2/promise';
import pg from 'pg';
import { MYSQL_URL, PG_URL } from './env';

/**
 * Throwaway objects on the local PostgreSQL / MariaDB test servers, created and dropped through the node drivers
 * directly (never through the app under test), named with a random suffix so runs never collide.
 */

/** Runs statements on the PostgreSQL test database. */
export async function pgExec(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs statements on the MariaDB test server. */
export async function mysqlExec(...statements: string[]): Promise<void> {
  const connection = await mysql.createConnection(MYSQL_URL);
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/** The test server's URL with another database in its path. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The test server's URL with another port (for the connection-refused case). */
export function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}
