/**
 * The parts of the Postman Collection v2.1 format (https://schema.postman.com/collection/json/v2.1.0/draft-07/docs)
 * that Backbench reads and writes, and the auth mapping both ways. Auth parameters are `{ key, value }` rows in
 * v2.1 and a plain object in v2.0; both are read.
 */
import type { Auth } from '../../../../shared/http-request';

export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanRow {
  key?: string;
  value?: unknown;
  disabled?: boolean;
  type?: string;
  description?: unknown;
  src?: unknown;
  contentType?: string;
  enabled?: boolean;
}

export interface PostmanEvent {
  listen?: string;
  disabled?: boolean;
  script?: { exec?: string | string[]; type?: string };
}

export interface PostmanAuth {
  type?: string;
  [scheme: string]: unknown;
}

/** Text of a Postman description: a string or `{ content }`. */
export function descriptionText(description: unknown): string | undefined {
  if (typeof description === 'string') return description || undefined;
  if (description && typeof description === 'object' && 'content' in description) {
    const content = (description as { content?: unknown }).content;
    return typeof content === 'string' && content !== '' ? content : undefined;
  }
  return undefined;
}

/** Any Postman value as text (numbers and booleans appear in hand-written files). */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function authParameters(auth: PostmanAuth, type: string): Record<string, string> {
  const raw = auth[type];
  const params: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const row of raw as PostmanRow[]) if (row.key !== undefined) params[row.key] = asText(row.value);
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) params[key] = asText(value);
  }
  return params;
}

/**
 * A Postman auth block → an Auth (undefined: inherit); a scheme Backbench does not support comes back as a
 * warning string.
 */
export function authFromPostman(auth: PostmanAuth): Auth | string | undefined {
  const type = auth.type ?? 'noauth';
  const p = authParameters(auth, type);
  switch (type) {
    case 'inherit':
      return undefined;
    case 'noauth':
      return { type: 'none' };
    case 'basic':
      return { type: 'basic', username: p.username ?? '', password: p.password ?? '' };
    case 'digest':
      return { type: 'digest', username: p.username ?? '', password: p.password ?? '' };
    case 'bearer':
      return { type: 'bearer', token: p.token ?? '' };
    case 'apikey':
      return {
        type: 'apikey',
        name: p.key || 'X-API-Key',
        value: p.value ?? '',
        in: p.in === 'query' ? 'query' : 'header',
      };
    case 'awsv4':
      return {
        type: 'awsv4',
        accessKeyId: p.accessKey || '{{awsAccessKeyId}}',
        secretAccessKey: p.secretKey || '{{awsSecretAccessKey}}',
        ...(p.sessionToken ? { sessionToken: p.sessionToken } : {}),
        region: p.region || 'us-east-1',
        service: p.service || 'execute-api',
      };
    case 'oauth2': {
      const grant = p.grant_type ?? 'authorization_code';
      if (grant !== 'client_credentials' && !grant.startsWith('authorization_code')) {
        return `OAuth 2.0 grant "${grant}" is not supported (client_credentials and authorization_code are)`;
      }
      return {
        type: 'oauth2',
        grant: grant === 'client_credentials' ? 'client_credentials' : 'authorization_code',
        tokenUrl: p.accessTokenUrl || '{{tokenUrl}}',
        ...(p.authUrl && grant !== 'client_credentials' ? { authorizationUrl: p.authUrl } : {}),
        clientId: p.clientId || '{{clientId}}',
        ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}),
        ...(p.scope ? { scope: p.scope } : {}),
        ...(grant === 'authorization_code' ? { pkce: false } : {}),
      };
    }
    default:
      return `${type} auth is not supported`;
  }
}

const row = (key: string, value: string) => ({ key, value, type: 'string' });

/** An Auth → a Postman v2.1 auth block; `inherit` has none (a Postman item without auth inherits). */
export function authToPostman(auth: Auth): PostmanAuth | undefined {
  switch (auth.type) {
    case 'inherit':
      return undefined;
    case 'none':
      return { type: 'noauth' };
    case 'basic':
    case 'digest':
      return { type: auth.type, [auth.type]: [row('username', auth.username), row('password', auth.password)] };
    case 'bearer':
      return { type: 'bearer', bearer: [row('token', auth.token)] };
    case 'apikey':
      return { type: 'apikey', apikey: [row('key', auth.name), row('value', auth.value), row('in', auth.in)] };
    case 'awsv4':
      return {
        type: 'awsv4',
        awsv4: [
          row('accessKey', auth.accessKeyId),
          row('secretKey', auth.secretAccessKey),
          row('region', auth.region),
          row('service', auth.service),
          ...(auth.sessionToken !== undefined ? [row('sessionToken', auth.sessionToken)] : []),
        ],
      };
    case 'oauth2': {
      const grant =
        auth.grant === 'client_credentials'
          ? 'client_credentials'
          : auth.pkce === false
            ? 'authorization_code'
            : 'authorization_code_with_pkce';
      return {
        type: 'oauth2',
        oauth2: [
          row('grant_type', grant),
          row('accessTokenUrl', auth.tokenUrl),
          ...(auth.authorizationUrl !== undefined ? [row('authUrl', auth.authorizationUrl)] : []),
          row('clientId', auth.clientId),
          ...(auth.clientSecret !== undefined ? [row('clientSecret', auth.clientSecret)] : []),
          ...(auth.scope !== undefined ? [row('scope', auth.scope)] : []),
        ],
      };
    }
  }
}
