import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

/** The servers the tests use (TOOLCHAIN.md); a bench creates its own database on each and drops it after. */
export const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export type BenchEngine = 'sqlite' | 'postgres' | 'mysql';
export const ENGINE_LABEL: Record<BenchEngine, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  mysql: 'MariaDB',
};

/** The engines to run: BENCH_ENGINES=sqlite,postgres,mysql (default all). */
export function enginesFromEnv(): BenchEngine[] {
  const all: BenchEngine[] = ['sqlite', 'postgres', 'mysql'];
  const wanted = process.env.BENCH_ENGINES?.split(',').map((e) => e.trim().toLowerCase());
  return wanted ? all.filter((e) => wanted.includes(e) || (e === 'mysql' && wanted.includes('mariadb'))) : all;
}

export interface BenchDatabase {
  engine: BenchEngine;
  /** postgres://… / mysql://… for the servers, the file path for SQLite. */
  target: string;
  drop(): Promise<void>;
}

/** The bench table: the same logical rows on every engine (int, text, decimal, timestamp). */
export const ITEMS_SQL = 'select id, name, price, created_at from items';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function benchName(): string {
  return `bb_bench_${randomBytes(4).toString('hex')}`;
}

export async function createPostgresItems(rows: number, baseUrl = PG_URL): Promise<BenchDatabase> {
  const name = benchName();
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = withDatabase(baseUrl, name);
  const drop = async () => {
    const again = new pg.Client({ connectionString: baseUrl });
    await again.connect();
    try {
      await again.query(`drop database if exists ${name} with (force)`);
    } finally {
      await again.end();
    }
  };
  try {
    const db = new pg.Client({ connectionString: target });
    await db.connect();
    try {
      await db.query(
        'create table items (id integer primary key, name text not null, price numeric(12,2) not null, created_at timestamp not null)',
      );
      await db.query(
        `insert into items select i, 'item ' || i, (i % 100000) / 100.0, timestamp '2026-01-01' + i * interval '1 second'
         from generate_series(1, $1::int) i`,
        [rows],
      );
      // set hint bits and statistics now, so the first measured scan does not write
      await db.query('vacuum analyze items');
    } finally {
      await db.end();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { engine: 'postgres', target, drop };
}

export async function createMysqlItems(rows: number, baseUrl = MYSQL_URL): Promise<BenchDatabase> {
  const name = benchName();
  const admin = await mysql.createConnection(baseUrl);
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = withDatabase(baseUrl, name);
  const drop = async () => {
    const again = await mysql.createConnection(baseUrl);
    try {
      await again.query(`drop database if exists ${name}`);
    } finally {
      await again.end();
    }
  };
  try {
    const db = await mysql.createConnection(target);
    try {
      await db.query(
        'create table items (id int primary key, name varchar(64) not null, price decimal(12,2) not null, created_at datetime not null)',
      );
      // seq_1_to_N: MariaDB's built-in SEQUENCE engine
      await db.query(
        `insert into items select seq, concat('item ', seq), (seq % 100000) / 100, timestamp'2026-01-01 00:00:00' + interval seq second
         from seq_1_to_${Math.floor(rows)}`,
      );
    } finally {
      await db.end();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { engine: 'mysql', target, drop };
}

export function createSqliteItems(rows: number, file: string): BenchDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(
      'create table items (id integer primary key, name text not null, price numeric not null, created_at text not null)',
    );
    db.prepare(
      `with recursive s(i) as (select 1 union all select i + 1 from s where i < ?)
       insert into items select i, 'item ' || i, (i % 100000) / 100.0,
         strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || i || ' seconds') from s`,
    ).run(rows);
  } finally {
    db.close();
  }
  return { engine: 'sqlite', target: file, drop: async () => undefined };
}
