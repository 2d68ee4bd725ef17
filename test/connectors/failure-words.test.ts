// What a user reads when a server cannot be reached: real failures (a closed loopback port, a
// name that cannot resolve, a self-signed and an expired certificate, a 503 to the upgrade),
// through the real supervisor and connector where it is cheap, into the status words.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNtfyConnector } from '../../app/connectors/ntfy/connector.js';
import {
  describeFailure,
  failureFacts,
  failureWords,
  serverAddress,
} from '../../app/core/failure-words.js';
import { ntfyAccount, type NtfyAccount } from '../../app/core/settings/accounts.js';
import { startConnectorApp, type ConnectorApp } from '../support/connector-app.js';

let dir: string;
/** A self-signed certificate for localhost, valid now; and one that expired in 2020. */
let valid: { key: string; cert: string };
let expired: { key: string; cert: string };

/** `openssl ca` is the one OpenSSL 3.0 command that takes a start and end date in the past. */
function certificate(name: string, start?: string, end?: string): { key: string; cert: string } {
  const at = (file: string) => join(dir, `${name}.${file}`);
  const key = at('key.pem');
  if (!start || !end) {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', key, '-out', at('cert.pem'), '-subj', '/CN=localhost', '-days', '2'],
      ],
      { stdio: 'ignore' },
    );
  } else {
    const db = join(dir, `${name}-db`);
    mkdirSync(db);
    writeFileSync(join(db, 'index'), '');
    writeFileSync(join(db, 'serial'), '01\n');
    writeFileSync(
      at('cnf'),
      `[ca]\ndefault_ca = x\n[x]\ndatabase = ${db}/index\nnew_certs_dir = ${db}\n` +
        `serial = ${db}/serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n`,
    );
    execFileSync(
      'openssl',
      [
        ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', key, '-out', at('csr'), '-subj', '/CN=localhost'],
      ],
      { stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      [
        ...['ca', '-batch', '-config', at('cnf'), '-selfsign', '-keyfile', key, '-in', at('csr')],
        ...['-out', at('cert.pem'), '-startdate', start, '-enddate', end, '-notext'],
      ],
      { stdio: 'ignore' },
    );
  }
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(at('cert.pem'), 'utf8') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-certs-'));
  valid = certificate('valid');
  expired = certificate('expired', '20200101000000Z', '20200102000000Z');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const servers: Server[] = [];
let app: ConnectorApp<NtfyAccount> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** An ntfy account on `server`, run by the real supervisor until its first failure. */
async function firstFailure(server: string) {
  const account = ntfyAccount.parse({ id: 'alerts', type: 'ntfy', server, topics: ['ci'] });
  app = startConnectorApp(account, (a, context) =>
    createNtfyConnector(a, context, { connectTimeoutMs: 3_000 }),
  );
  return app.waitForState('reconnecting');
}

describe('a failed connection in words, naming the server', () => {
  it('a closed port: "Can\'t reach …: nothing answers on port N", the raw error kept', async () => {
    const port = await closedPort();
    const status = await firstFailure(`http://127.0.0.1:${port}`);
    expect(status.reason).toBe(`Can't reach 127.0.0.1: nothing answers on port ${port}`);
    expect(status.error).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    // The log keeps the raw error for support.
    expect(JSON.stringify(app!.logs)).toContain('ECONNREFUSED');
  });

  it('a name that cannot resolve (.invalid) is named, with what to check', async () => {
    const status = await firstFailure('https://tidings-test.invalid');
    // Without a resolver the lookup fails as "try again" (EAI_AGAIN), with one as "no such name".
    expect(status.reason).toMatch(
      /^Can't (find tidings-test\.invalid: no server has that name\. Check the address|look up tidings-test\.invalid: no answer from the name server\. Check your internet connection)$/,
    );
    expect(status.error).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('a self-signed certificate says so and names the server', async () => {
    const port = await listen(createHttpsServer(valid));
    const status = await firstFailure(`https://localhost:${port}`);
    expect(status.reason).toBe(
      "localhost's certificate is self-signed, so Tidings cannot tell it is really localhost",
    );
    expect(status.error).toMatch(/self[- ]signed/i);
  });

  it('an expired certificate (trusted, so expiry is what fails) says it has expired', async () => {
    const port = await listen(createHttpsServer(expired));
    const url = `wss://localhost:${port}/`;
    const error = await new Promise<Error>((resolve) => {
      const socket = new WebSocket(url, { ca: expired.cert });
      socket.on('error', resolve);
    });
    expect(describeFailure(error, serverAddress(url))).toEqual({
      words: "localhost's certificate has expired",
      plain: true,
      raw: 'certificate has expired',
    });
  });

  it('TLS spoken to a port that speaks plain HTTP: check the port and scheme', async () => {
    const port = await listen(createHttpServer((_, response) => response.end('hello')));
    const status = await firstFailure(`https://127.0.0.1:${port}`);
    expect(status.reason).toBe(
      `Can't set up a secure connection with 127.0.0.1 on port ${port}: check that the address's port and scheme (https, wss, mqtts) are right`,
    );
  });

  it('503 to the WebSocket upgrade (and to the JSON stream): not available right now', async () => {
    const unavailable = createHttpServer((_, response) => {
      response.writeHead(503).end('Service Unavailable');
    });
    unavailable.on('upgrade', (_, socket) => {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    });
    const port = await listen(unavailable);
    const status = await firstFailure(`http://127.0.0.1:${port}`);
    expect(status.reason).toBe(
      '127.0.0.1 is not available right now (503): it may be down for maintenance',
    );
    expect(status.error).toContain('503');
    // ws's own refusal, as Rocket.Chat's and Kuzzle's links get it, reads the same.
    const error = await new Promise<Error>((resolve) => {
      new WebSocket(`ws://127.0.0.1:${port}/`).on('error', resolve);
    });
    expect(describeFailure(error, { host: 'chat.example.com', port: 443 }).words).toBe(
      'chat.example.com is not available right now (503): it may be down for maintenance',
    );
  });
});

describe('failureWords', () => {
  const at = { host: 'chat.example.com', port: 443 };
  it.each([
    ['ECONNREFUSED', "Can't reach chat.example.com: nothing answers on port 443"],
    ['ETIMEDOUT', "Can't reach chat.example.com: no answer on port 443 in time"],
    ['ECONNRESET', 'chat.example.com closed the connection unexpectedly'],
    ['EHOSTUNREACH', "Can't reach chat.example.com: no route to it from this network"],
    ['ENETUNREACH', "Can't reach chat.example.com: this computer is not connected to a network"],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      "chat.example.com's certificate is signed by an authority this computer does not trust",
    ],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "chat.example.com's certificate is for another server name"],
  ])('%s', (code, words) => {
    expect(failureWords({ code, message: 'raw', ...at })).toBe(words);
  });

  it("404 and 502 from the upgrade name the server; words it does not know stay the connector's", () => {
    expect(failureWords({ message: 'x', status: 404, ...at })).toBe(
      "chat.example.com has nothing at this address (404): check the server's URL",
    );
    expect(failureWords({ message: 'x', status: 502, ...at })).toMatch(
      /^chat\.example\.com is not available right now: its gateway got no answer/,
    );
    expect(failureWords({ message: 'the broker did not answer', ...at })).toBeUndefined();
  });

  it('a connector that kept only the text ("connect ECONNREFUSED …") still gets the words', () => {
    const facts = failureFacts(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      host: '3d.example.com',
      port: 443,
    });
    expect(failureWords(facts)).toBe("Can't reach 3d.example.com: nothing answers on port 9");
  });
});
