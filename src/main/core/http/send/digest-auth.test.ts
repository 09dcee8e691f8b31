import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';
import { answerDigest, parseDigestChallenge } from './digest-auth';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

describe('Digest auth', () => {
  it('matches the worked examples of RFC 7616 §3.9.1 (MD5 and SHA-256)', () => {
    const target = { method: 'GET', url: new URL('http://www.example.org/dir/index.html'), headers: [] };
    const challenge = (algorithm: string) =>
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
      'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
    const credentials = { username: 'Mufasa', password: 'Circle of Life' };
    const md5 = answerDigest(credentials, target, [challenge('MD5')], cnonce)!.headers[0]!.value;
    expect(parseDigestChallenge(md5)?.response).toBe('8ca523f5e9506fed4657c9700eebdbec');
    const sha = answerDigest(credentials, target, [challenge('SHA-256')], cnonce)!.headers[0]!.value;
    expect(parseDigestChallenge(sha)?.response).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
    expect(parseDigestChallenge(sha)).toMatchObject({ uri: '/dir/index.html', qop: 'auth', nc: '00000001' });
  });

  it('answers a server challenge once, checked by the server; a wrong password gets the second 401 back', async () => {
    const realm = 'test realm';
    const users: Record<string, string> = { ada: 'pä"ss' };
    const nonce = randomBytes(8).toString('hex');
    // the server's own check, written from RFC 7616 independently of digest-auth.ts
    const server = await http((req, res) => {
      const header = req.headers.authorization ?? '';
      const params = Object.fromEntries(
        [...header.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)].map((m) => [
          m[1],
          (m[2] ?? m[3])!.replace(/\\(.)/g, '$1'),
        ]),
      );
      const md5 = (text: string) => createHash('md5').update(text).digest('hex');
      const password = users[params.username ?? ''];
      const expected =
        password === undefined
          ? null
          : md5(
              `${md5(`${params.username}:${realm}:${password}`)}:${nonce}:${params.nc}:${params.cnonce}:auth:${md5(`${req.method}:${params.uri}`)}`,
            );
      if (header.startsWith('Digest ') && params.uri === req.url && params.response === expected) {
        res.end('welcome');
        return;
      }
      res.writeHead(401, {
        'www-authenticate': [
          `Basic realm="${realm}"`,
          `Digest realm="${realm}", qop="auth", nonce="${nonce}", opaque="o1"`,
        ],
      });
      res.end('who are you');
    });
    const { sender } = await makeSender();
    const ok = await sender.send(
      outgoing(`${server.url}/private?x=1`, { auth: { type: 'digest', username: 'ada', password: 'pä"ss' } }),
    );
    expect(ok).toMatchObject({ status: 200, body: { data: 'welcome' } });
    expect(server.received).toHaveLength(2);
    expect(server.received[0]!.headers.authorization).toBeUndefined();
    expect(server.received[1]!.headers.authorization).toContain('opaque="o1"');

    const wrong = await sender.send(
      outgoing(`${server.url}/private`, { auth: { type: 'digest', username: 'ada', password: 'nope' } }),
    );
    expect(wrong).toMatchObject({ status: 401, body: { data: 'who are you' } });
    expect(server.received).toHaveLength(4);
  });
});
