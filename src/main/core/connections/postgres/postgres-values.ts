import pg from 'pg';
import { integerFromText, isoDateTime, isoTime } from '../../query/value-encoding';

/**
 * PostgreSQL values (text protocol) by type OID, per docs/values.md. Only these types are parsed; every other
 * type — numeric, json/jsonb, arrays, interval, uuid, inet, money, enums, bit strings, geometric and custom
 * types — stays the server's exact text, so nothing is rounded (json numbers past 2^53, numeric digits) and a
 * value can be typed back as it reads.
 */
type Parser = (text: string) => unknown;

const float: Parser = (text) => (text === 'NaN' || text === 'Infinity' || text === '-Infinity' ? text : Number(text));
const identity: Parser = (text) => text;

const PARSERS = new Map<number, Parser>([
  [16, (text) => text === 't'], // boolean
  [20, integerFromText], // int8: a number while safe, else its text
  [21, Number], // int2
  [23, Number], // int4
  [26, Number], // oid
  [700, float], // float4
  [701, float], // float8
  [1114, isoDateTime], // timestamp
  [1184, isoDateTime], // timestamptz
  [1083, isoTime], // time
  [1266, isoTime], // timetz
  [17, pg.types.getTypeParser(17, 'text') as Parser], // bytea → Buffer
]);

/** The `types` option of every pg query of a session. */
export const postgresTypes = {
  getTypeParser(oid: number): Parser {
    return PARSERS.get(oid) ?? identity;
  },
};

/**
 * Sessions print dates in ISO style whatever the server's default, so the parsers above get the shape they
 * expect. Only DateStyle's output part is set: its day/month order for input stays the server's.
 */
export const PG_STARTUP_OPTIONS = '-c DateStyle=ISO';
