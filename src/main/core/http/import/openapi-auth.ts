/**
 * OpenAPI security schemes (3.x `components.securitySchemes`, Swagger 2 `securityDefinitions`) → Auth. Secrets
 * become `{{variables}}` added to the collection (secret ones marked so), never literal values.
 */
import type { Auth, Variable } from '../../../../shared/http-request';
import { isObject } from '../../mock/openapi/json-schema';

type Json = Record<string, unknown>;

export class SecurityMapper {
  /** The collection variables the auth uses, each once. */
  readonly variables = new Map<string, Variable>();

  constructor(
    private readonly schemes: Json,
    private readonly warnings: string[],
  ) {}

  private variable(name: string, secret: boolean): string {
    if (!this.variables.has(name)) this.variables.set(name, { name, value: '', ...(secret ? { secret: true } : {}) });
    return `{{${name}}}`;
  }

  /**
   * The auth for a `security` list: the first requirement Backbench can send; `[]` means none; undefined when
   * nothing is said (the caller inherits).
   */
  authOf(security: unknown, where: string): Auth | undefined {
    if (!Array.isArray(security)) return undefined;
    if (
      security.length === 0 ||
      security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0)
    ) {
      return { type: 'none' };
    }
    const problems: string[] = [];
    for (const requirement of security) {
      if (!isObject(requirement)) continue;
      for (const [name, scopes] of Object.entries(requirement)) {
        const auth = this.schemeAuth(name, Array.isArray(scopes) ? scopes.map(String) : [], problems);
        if (auth) return auth;
      }
    }
    this.warnings.push(`${where}: no supported security scheme (${problems.join('; ')}); sent without auth`);
    return { type: 'none' };
  }

  private schemeAuth(name: string, scopes: string[], problems: string[]): Auth | undefined {
    const scheme = this.schemes[name];
    if (!isObject(scheme)) {
      problems.push(`"${name}" is not defined`);
      return undefined;
    }
    const type = String(scheme.type);
    const httpScheme = String(scheme.scheme ?? '').toLowerCase();
    if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) {
      return { type: 'basic', username: this.variable('username', false), password: this.variable('password', true) };
    }
    if (type === 'http' && httpScheme === 'bearer') return { type: 'bearer', token: this.variable('token', true) };
    if (type === 'http' && httpScheme === 'digest') {
      return { type: 'digest', username: this.variable('username', false), password: this.variable('password', true) };
    }
    if (type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query') && typeof scheme.name === 'string') {
      return { type: 'apikey', name: scheme.name, value: this.variable('apiKey', true), in: scheme.in };
    }
    if (type === 'oauth2') {
      const flow = oauthFlowOf(scheme);
      if (flow) {
        return {
          type: 'oauth2',
          grant: flow.grant,
          tokenUrl: flow.tokenUrl,
          ...(flow.authorizationUrl ? { authorizationUrl: flow.authorizationUrl } : {}),
          clientId: this.variable('clientId', false),
          ...(flow.grant === 'client_credentials' ? { clientSecret: this.variable('clientSecret', true) } : {}),
          ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
        };
      }
    }
    problems.push(
      `"${name}" (${type}${httpScheme ? ` ${httpScheme}` : ''}${scheme.in ? ` in ${String(scheme.in)}` : ''}) is not supported`,
    );
    return undefined;
  }
}

function oauthFlowOf(
  scheme: Json,
): { grant: 'client_credentials' | 'authorization_code'; tokenUrl: string; authorizationUrl?: string } | undefined {
  // OpenAPI 3: flows.clientCredentials / flows.authorizationCode; Swagger 2: flow application / accessCode
  const flows = isObject(scheme.flows) ? scheme.flows : {};
  const credentials = isObject(flows.clientCredentials)
    ? flows.clientCredentials
    : scheme.flow === 'application'
      ? scheme
      : undefined;
  if (credentials && typeof credentials.tokenUrl === 'string') {
    return { grant: 'client_credentials', tokenUrl: credentials.tokenUrl };
  }
  const code = isObject(flows.authorizationCode)
    ? flows.authorizationCode
    : scheme.flow === 'accessCode'
      ? scheme
      : undefined;
  if (code && typeof code.tokenUrl === 'string') {
    return {
      grant: 'authorization_code',
      tokenUrl: code.tokenUrl,
      ...(typeof code.authorizationUrl === 'string' ? { authorizationUrl: code.authorizationUrl } : {}),
    };
  }
  return undefined;
}
