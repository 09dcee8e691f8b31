import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { formatDbml } from './dbml';
import { richDesign } from './dbml-fixtures';
import { importText } from './import-text';

const PG_DUMP = `--
-- PostgreSQL database dump
--
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA audit;

CREATE TYPE public.order_status AS ENUM (
    'new',
    'paid',
    'shipped'
);

CREATE TABLE public.customers (
    id integer NOT NULL,
    email character varying(255) NOT NULL,
    name text DEFAULT 'Anonymous'::text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    vip boolean DEFAULT false NOT NULL,
    score numeric(10,2) DEFAULT 0.5,
    CONSTRAINT email_has_at CHECK ((email ~~ '%@%'::text))
);

CREATE SEQUENCE public.customers_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    status public.order_status DEFAULT 'new'::public.order_status NOT NULL,
    total numeric(10,2) DEFAULT 0 NOT NULL
);

CREATE TABLE public.order_lines (
    order_id bigint NOT NULL,
    line_no integer NOT NULL,
    sku text NOT NULL,
    quantity integer DEFAULT 1 NOT NULL
);

CREATE TABLE audit."Log Entries" (
    id bigint NOT NULL,
    order_id bigint,
    line_no integer,
    at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
    seen_at timestamp(3) with time zone
);

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);
ALTER TABLE audit."Log Entries" ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit.log_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1
);
ALTER TABLE ONLY public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
ALTER TABLE ONLY audit."Log Entries" ADD CONSTRAINT log_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX customers_email_lower ON public.customers USING btree (lower((email)::text));
CREATE INDEX orders_status_idx ON public.orders USING hash (status);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES public.orders(id) ON UPDATE SET NULL;
ALTER TABLE ONLY audit."Log Entries"
    ADD CONSTRAINT log_line_fk FOREIGN KEY (order_id, line_no) REFERENCES public.order_lines(order_id, line_no);
COMMENT ON TABLE public.customers IS 'People who buy';
COMMENT ON COLUMN public.customers.email IS 'The login';
`;

const MYSQL_DUMP = `-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS \`customers\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE \`customers\` (
  \`id\` int unsigned NOT NULL AUTO_INCREMENT,
  \`email\` varchar(255) NOT NULL,
  \`name\` varchar(100) DEFAULT 'Anonymous',
  \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  \`vip\` tinyint(1) NOT NULL DEFAULT '0',
  \`status\` enum('new','paid','it''s shipped') NOT NULL DEFAULT 'new',
  \`score\` decimal(10,2) DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`customers_email\` (\`email\`),
  KEY \`customers_name_created\` (\`name\`,\`created_at\`),
  CONSTRAINT \`email_has_at\` CHECK ((\`email\` like _utf8mb4'%@%'))
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='People who buy';
/*!40101 SET character_set_client = @saved_cs_client */;

CREATE TABLE \`order_lines\` (
  \`order_id\` bigint NOT NULL,
  \`line_no\` int NOT NULL,
  \`customer_id\` int unsigned NOT NULL COMMENT 'who',
  \`qty\` int NOT NULL DEFAULT '1',
  PRIMARY KEY (\`order_id\`,\`line_no\`),
  KEY \`order_lines_customer\` (\`customer_id\`),
  CONSTRAINT \`order_lines_customer_fk\` FOREIGN KEY (\`customer_id\`) REFERENCES \`customers\` (\`id\`) ON DELETE CASCADE ON UPDATE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE \`shipments\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`order_id\` bigint NOT NULL,
  \`line_no\` int NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`shipments_line\` (\`order_id\`,\`line_no\`),
  CONSTRAINT \`shipments_line_fk\` FOREIGN KEY (\`order_id\`, \`line_no\`) REFERENCES \`order_lines\` (\`order_id\`, \`line_no\`)
) ENGINE=InnoDB;
`;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('importing SQL', () => {
  it('reads a pg_dump script: types, defaults, serial and identity, composite keys, FKs, indexes, enums, schemas', async () => {
    const design = await importText(PG_DUMP, 'sql', 'postgres');
    expect(design.dialect).toBe('postgres');
    expect(design.enums).toEqual([{ schema: null, name: 'order_status', values: ['new', 'paid', 'shipped'] }]);
    expect(design.tables.map((t) => [t.schema, t.name, t.primaryKey])).toEqual([
      [null, 'customers', ['id']],
      [null, 'orders', ['id']],
      [null, 'order_lines', ['order_id', 'line_no']],
      ['audit', 'Log Entries', ['id']],
    ]);
    const [customers, orders, lines, log] = design.tables;
    expect(customers!.note).toBe('People who buy');
    expect(customers!.columns).toEqual([
      { name: 'id', type: 'integer', nullable: false, default: null, unique: false, autoIncrement: true, note: null },
      {
        name: 'email',
        type: 'varchar(255)',
        nullable: false,
        default: null,
        unique: false,
        autoIncrement: false,
        note: 'The login',
      },
      {
        name: 'name',
        type: 'text',
        nullable: true,
        default: "'Anonymous'",
        unique: false,
        autoIncrement: false,
        note: null,
      },
      {
        name: 'created_at',
        type: 'timestamp with time zone',
        nullable: false,
        default: 'now()',
        unique: false,
        autoIncrement: false,
        note: null,
      },
      {
        name: 'vip',
        type: 'boolean',
        nullable: false,
        default: 'false',
        unique: false,
        autoIncrement: false,
        note: null,
      },
      {
        name: 'score',
        type: 'numeric(10,2)',
        nullable: true,
        default: '0.5',
        unique: false,
        autoIncrement: false,
        note: null,
      },
    ]);
    expect(customers!.checks).toEqual([{ name: 'email_has_at', expression: "email ~~ '%@%'::text" }]);
    expect(customers!.indexes).toEqual([
      { name: 'customers_email_lower', columns: ['`lower((email)::text)`'], unique: true, type: null, note: null },
    ]);
    expect(orders!.columns[2]).toMatchObject({ type: 'order_status', default: "'new'" });
    expect(orders!.indexes).toEqual([
      { name: 'orders_status_idx', columns: ['status'], unique: false, type: 'hash', note: null },
    ]);
    expect(orders!.foreignKeys).toEqual([
      {
        name: 'orders_customer_fk',
        columns: ['customer_id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: null,
      },
    ]);
    expect(lines!.foreignKeys[0]).toMatchObject({ refTable: 'orders', onDelete: null, onUpdate: 'set null' });
    expect(log!.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    // the importer says timestamp for timestamp without time zone (the same type); with time zone is kept
    expect(log!.columns[3]).toMatchObject({ type: 'timestamp', default: 'CURRENT_TIMESTAMP' });
    expect(log!.columns[4]).toMatchObject({ name: 'seen_at', type: 'timestamp(3) with time zone' });
    expect(log!.foreignKeys).toEqual([
      {
        name: 'log_line_fk',
        columns: ['order_id', 'line_no'],
        refSchema: 'public',
        refTable: 'order_lines',
        refColumns: ['order_id', 'line_no'],
        onDelete: null,
        onUpdate: null,
      },
    ]);
    // and it is a design the DBML file can hold
    expect(formatDbml(design)).toContain(
      'Ref log_line_fk: audit."Log Entries".(order_id, line_no) > public.order_lines.(order_id, line_no)',
    );
  });

  it('reads a mysqldump script: enum columns stay column types, string defaults, AUTO_INCREMENT, composite FKs', async () => {
    const design = await importText(MYSQL_DUMP, 'sql', 'mysql');
    expect(design.dialect).toBe('mysql');
    expect(design.enums).toEqual([]);
    const [customers, lines, shipments] = design.tables;
    expect(customers!.note).toBe('People who buy');
    expect(customers!.columns.map((c) => [c.name, c.type, c.nullable, c.default, c.autoIncrement])).toEqual([
      ['id', 'int unsigned', false, null, true],
      ['email', 'varchar(255)', false, null, false],
      ['name', 'varchar(100)', true, "'Anonymous'", false],
      ['created_at', 'datetime(3)', false, 'CURRENT_TIMESTAMP(3)', false],
      ['vip', 'tinyint(1)', false, '0', false],
      ['status', "enum('new','paid','it''s shipped')", false, "'new'", false],
      ['score', 'decimal(10,2)', true, null, false],
    ]);
    expect(customers!.indexes).toEqual([
      { name: 'customers_email', columns: ['email'], unique: true, type: null, note: null },
      { name: 'customers_name_created', columns: ['name', 'created_at'], unique: false, type: null, note: null },
    ]);
    expect(customers!.checks).toEqual([{ name: 'email_has_at', expression: "`email` like _utf8mb4'%@%'" }]);
    expect(lines!.primaryKey).toEqual(['order_id', 'line_no']);
    expect(lines!.columns[2]).toMatchObject({ name: 'customer_id', type: 'int unsigned', note: 'who' });
    expect(lines!.columns[3]).toMatchObject({ name: 'qty', default: '1' });
    expect(lines!.foreignKeys).toEqual([
      {
        name: 'order_lines_customer_fk',
        columns: ['customer_id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'set null',
      },
    ]);
    expect(shipments!.foreignKeys[0]).toMatchObject({
      columns: ['order_id', 'line_no'],
      refTable: 'order_lines',
      refColumns: ['order_id', 'line_no'],
    });
  });

  it('reads a pg_dump with data, functions, views and psql lines: only the statements that shape tables count', async () => {
    const script = `\\restrict k3y
SET client_encoding = 'UTF8';
\\connect shop
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.at := now(); RETURN NEW; END; $$;
CREATE TABLE public.artist (
    artist_id integer NOT NULL,
    name character varying(120)
);
CREATE VIEW public.names AS SELECT name FROM public.artist;
COPY public.artist (artist_id, name) FROM stdin;
1\tAC/DC
2\tcan't; stop ) (
\\.
INSERT INTO public.artist VALUES (3, 'Antônio Carlos Jobim');
CREATE TRIGGER t BEFORE UPDATE ON public.artist FOR EACH ROW EXECUTE FUNCTION public.touch();
ALTER TABLE ONLY public.artist ADD CONSTRAINT artist_pkey PRIMARY KEY (artist_id);
\\unrestrict k3y
`;
    const design = await importText(script, 'sql', 'postgres');
    expect(design.tables.map((t) => [t.name, t.primaryKey, t.columns.map((c) => c.type)])).toEqual([
      ['artist', ['artist_id'], ['integer', 'varchar(120)']],
    ]);
  });

  it('gives a table that INHERITS its parent the columns of that parent (Sakila payment_p2007_01)', async () => {
    const script = `CREATE TABLE payment (
    payment_id integer DEFAULT nextval('payment_payment_id_seq'::regclass) NOT NULL,
    amount numeric(5,2) NOT NULL
);
-- a partition of old
CREATE TABLE payment_p2007_01 (CONSTRAINT p1_check CHECK ((amount > 0::numeric))
)
INHERITS (payment);
CREATE INDEX idx_p1 ON payment_p2007_01 USING btree (amount);
`;
    const design = await importText(script, 'sql', 'postgres');
    const child = design.tables.find((t) => t.name === 'payment_p2007_01')!;
    expect(child.columns.map((c) => [c.name, c.type, c.nullable, c.autoIncrement])).toEqual([
      ['payment_id', 'integer', false, true],
      ['amount', 'numeric(5,2)', false, false],
    ]);
    expect(child.checks).toEqual([{ name: 'p1_check', expression: 'amount > 0::numeric' }]);
    expect(child.indexes).toEqual([{ name: 'idx_p1', columns: ['amount'], unique: false, type: null, note: null }]);
  });

  it('reads a domain column as its base type with the domain NOT NULL, default and checks, as a pull does (Sakila)', async () => {
    const script = `CREATE DOMAIN year AS integer
	CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));
CREATE DOMAIN public."Posint" AS bigint NOT NULL DEFAULT 1 CHECK (VALUE > 0);
CREATE TABLE film (id integer NOT NULL, release_year year, "Odd Col" public."Posint");
`;
    const [film] = (await importText(script, 'sql', 'postgres')).tables;
    expect(film!.columns.map((c) => [c.name, c.type, c.nullable, c.default])).toEqual([
      ['id', 'integer', false, null],
      ['release_year', 'integer', true, null],
      ['Odd Col', 'bigint', false, '1'],
    ]);
    expect(film!.checks).toEqual([
      { name: 'film_release_year_year_check', expression: '(release_year >= 1901) AND (release_year <= 2155)' },
      { name: 'film_Odd Col_Posint_check', expression: '"Odd Col" > 0' },
    ]);
  });

  it('reads a mysqldump with INSERTs, DELIMITER blocks of routines and triggers, and views (Sakila)', async () => {
    const script = `CREATE TABLE actor (
  actor_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  last_name VARCHAR(45) NOT NULL,
  PRIMARY KEY (actor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO actor VALUES (1,'GUINESS'),(2,'WAHLBERG');
/*!50001 CREATE ALGORITHM=UNDEFINED VIEW \`actor_names\` AS select \`last_name\` from \`actor\` */;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=\`root\`@\`localhost\`*/ /*!50003 TRIGGER \`ins\` AFTER INSERT ON \`actor\` FOR EACH ROW BEGIN
    INSERT INTO actor_log VALUES (NEW.actor_id);
  END */;;
DELIMITER ;
DELIMITER $$
CREATE FUNCTION held(p INT) RETURNS INT
READS SQL DATA
BEGIN
  DECLARE v INT;
  DECLARE EXIT HANDLER FOR NOT FOUND RETURN NULL;
  SELECT 1 INTO v;
  RETURN v;
END $$
DELIMITER ;
CREATE TABLE actor_log (actor_id SMALLINT UNSIGNED NOT NULL);
`;
    const design = await importText(script, 'sql', 'mysql');
    expect(design.tables.map((t) => [t.name, t.columns.map((c) => c.type)])).toEqual([
      ['actor', ['smallint unsigned', 'varchar(45)']],
      ['actor_log', ['smallint unsigned']],
    ]);
  });

  it('names the line and column of the statement that does not parse in the script as given, data and all', async () => {
    const script = `COPY public.a (id) FROM stdin;\n1\n\\.\nINSERT INTO a VALUES (2);\nCREATE TABLE b (\n  id int,\n  x int,,\n);\n`;
    const error = await failure(importText(script, 'sql', 'postgres'));
    expect(error.message).toBe("The PostgreSQL script does not parse: line 7, column 9: mismatched input ','");
  });

  it('spells hand-written types and NO ACTION as a pull does (Chinook: INT, NVARCHAR, NUMERIC, ON DELETE NO ACTION)', async () => {
    const pg = await importText(
      `CREATE TABLE a (id SERIAL PRIMARY KEY, n INT4, b INT8, s INT2, ok BOOL, f FLOAT8, r FLOAT4, d DECIMAL(10,2),
  at TIMESTAMPTZ, big BIGSERIAL NOT NULL, i INT NOT NULL);
CREATE TABLE c (a_id INT REFERENCES a (id) ON DELETE NO ACTION ON UPDATE NO ACTION);`,
      'sql',
      'postgres',
    );
    expect(pg.tables[0]!.columns.map((c) => [c.name, c.type, c.autoIncrement, c.default])).toEqual([
      ['id', 'integer', true, null],
      ['n', 'integer', false, null],
      ['b', 'bigint', false, null],
      ['s', 'smallint', false, null],
      ['ok', 'boolean', false, null],
      ['f', 'double precision', false, null],
      ['r', 'real', false, null],
      ['d', 'numeric(10,2)', false, null],
      ['at', 'timestamp with time zone', false, null],
      ['big', 'bigint', true, null],
      ['i', 'integer', false, null],
    ]);
    expect(pg.tables[1]!.foreignKeys[0]).toMatchObject({ onDelete: null, onUpdate: null });
    const mysql = await importText(
      `CREATE TABLE \`Album\` (\`AlbumId\` INTEGER NOT NULL, \`Title\` NVARCHAR(160) NOT NULL, \`Code\` NCHAR(3), \`Big\` INTEGER UNSIGNED,
  \`Total\` NUMERIC(10,2) NOT NULL, \`Ok\` BOOLEAN, \`Ratio\` DOUBLE PRECISION, CONSTRAINT \`PK_Album\` PRIMARY KEY (\`AlbumId\`));
CREATE TABLE \`Track\` (\`AlbumId\` INT, CONSTRAINT \`FK_TrackAlbumId\` FOREIGN KEY (\`AlbumId\`) REFERENCES \`Album\` (\`AlbumId\`) ON DELETE NO ACTION ON UPDATE RESTRICT);`,
      'sql',
      'mysql',
    );
    expect(mysql.tables[0]!.columns.map((c) => c.type)).toEqual([
      'int',
      'varchar(160)',
      'char(3)',
      'int unsigned',
      'decimal(10,2)',
      'tinyint(1)',
      'double',
    ]);
    expect(mysql.tables[1]!.foreignKeys[0]).toMatchObject({ onDelete: null, onUpdate: null });
  });

  it('reads Sakila MySQL keys and defaults as a pull does: BOOLEAN DEFAULT TRUE, FULLTEXT KEY, an unnamed UNIQUE KEY', async () => {
    const design = await importText(
      `CREATE TABLE film_text (
  film_id SMALLINT NOT NULL,
  title VARCHAR(255) NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  gone BOOL DEFAULT FALSE,
  released YEAR DEFAULT NULL,
  PRIMARY KEY  (film_id),
  FULLTEXT KEY idx_title (title),
  UNIQUE KEY  (title, film_id),
  UNIQUE KEY  (title)
)ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`,
      'sql',
      'mysql',
    );
    const [table] = design.tables;
    expect(table!.columns.map((c) => [c.name, c.type, c.default])).toEqual([
      ['film_id', 'smallint', null],
      ['title', 'varchar(255)', null],
      ['active', 'tinyint(1)', '1'],
      ['gone', 'tinyint(1)', '0'],
      ['released', 'year', null],
    ]);
    expect(table!.indexes.map((i) => [i.name, i.columns, i.unique, i.type])).toEqual([
      ['idx_title', ['title'], false, 'fulltext'],
      ['title', ['title', 'film_id'], true, null],
      ['title_2', ['title'], true, null],
    ]);
  });

  it('names the line and column (1-based) of a script that does not parse', async () => {
    const error = await failure(importText('CREATE TABLE a (\n  id int,\n  x int,,\n);\n', 'sql', 'postgres'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe("The PostgreSQL script does not parse: line 3, column 9: mismatched input ','");
    const mysql = await failure(importText('CREATE TABLE a (\n  id int,\n  x int REFERENCES\n);\n', 'sql', 'mysql'));
    expect(mysql.message).toMatch(/^The MySQL script does not parse: line 4, column 1: no viable alternative/);
  });

  it('runs a SQLite script in memory and reads the schema it made', async () => {
    const script = `PRAGMA foreign_keys = ON;
BEGIN TRANSACTION;
CREATE TABLE "customers" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL UNIQUE,
  "name" TEXT DEFAULT 'Anonymous',
  "score" REAL DEFAULT 0.5 CHECK (score >= 0)
);
CREATE TABLE order_lines (
  order_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX lines_customer ON order_lines (customer_id);
INSERT INTO customers (email) VALUES ('a@example.com');
COMMIT;`;
    const design = await importText(script, 'sql', 'sqlite');
    expect(design.dialect).toBe('sqlite');
    expect(design.tables.map((t) => [t.name, t.primaryKey])).toEqual([
      ['customers', ['id']],
      ['order_lines', ['order_id', 'line_no']],
    ]);
    const [customers, lines] = design.tables;
    expect(customers!.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    expect(customers!.columns[1]).toMatchObject({ name: 'email', nullable: false, unique: true });
    expect(customers!.columns[2]).toMatchObject({ default: "'Anonymous'" });
    expect(lines!.foreignKeys).toEqual([
      {
        name: null,
        columns: ['customer_id'],
        refSchema: null,
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: null,
      },
    ]);
    expect(lines!.indexes.map((i) => [i.name, i.columns])).toEqual([['lines_customer', ['customer_id']]]);
  });

  it('refuses a SQLite script that would reach files, and names the error of one that does not run', async () => {
    const attach = await failure(importText("ATTACH DATABASE '/tmp/bb-dbml-x.db' AS x;", 'sql', 'sqlite'));
    expect(attach.message).toMatch(/uses ATTACH/);
    const vacuum = await failure(importText("CREATE TABLE t (a);\nVACUUM INTO '/tmp/bb-dbml-y.db';", 'sql', 'sqlite'));
    expect(vacuum.message).toMatch(/uses VACUUM/);
    const broken = await failure(importText('CREATE TABLE t (a int,);', 'sql', 'sqlite'));
    expect(broken).toMatchObject({ code: 'INVALID_INPUT' });
    expect(broken.message).toMatch(/^The SQLite script does not run: .*syntax error/);
  });

  it('reads DBML, and names line and column when it does not parse', async () => {
    expect(await importText(formatDbml(richDesign('mysql')), 'dbml', 'mysql')).toEqual(richDesign('mysql'));
    const error = await failure(importText('Table a {\n  id int [pk\n}\n', 'dbml', 'mysql'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^The DBML does not parse: line 3, column 1: /);
  });
});
