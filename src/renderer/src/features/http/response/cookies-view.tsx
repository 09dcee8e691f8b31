import type { HttpResponse } from '../../../../../shared/contract/http.contract';
import { cookieFlags, responseCookies } from './set-cookie';
import './response.css';

/** The Set-Cookie headers of the response as a table (what the server set, not the jar). */
export function CookiesView({ headers }: { headers: HttpResponse['headers'] }) {
  const cookies = responseCookies(headers);
  if (cookies.length === 0)
    return (
      <p className="http-hint" data-testid="http-response-cookies-none">
        The response sets no cookies (no Set-Cookie header).
      </p>
    );
  return (
    <table className="http-cookie-table http-set-cookies" data-testid="http-response-cookies">
      <thead>
        <tr>
          <th>Name</th>
          <th>Value</th>
          <th>Domain</th>
          <th>Path</th>
          <th>Expires</th>
          <th>Flags</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((c, i) => (
          <tr key={i} data-testid="http-set-cookie-row">
            <td className="mono">{c.name}</td>
            <td className="mono http-cookie-value" title={c.value}>
              {c.value}
            </td>
            <td>{c.domain ?? '—'}</td>
            <td>{c.path ?? '—'}</td>
            <td>{c.expires ?? 'session'}</td>
            <td>{cookieFlags(c)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
