// Test harness: a real mosquitto (MQTT 5) on free loopback ports, with persistence and access
// rules shaped like Dino's broker: each user reads only `dms/<env>/<user>`, and one publisher may
// write everywhere. It can stop (SIGTERM, which saves persistence) and start again on the same
// ports with the same data, for offline and broker-restart tests.
//
// Two ways to enforce the rules, because mosquitto 2.0's acl_file is checked only when a message
// is delivered, never at SUBSCRIBE: a forbidden subscription is granted and stays silent.
//  - `access: 'file'` (default): a password file made with `mosquitto_passwd` and an acl_file
//    with `pattern read dms/<env>/%u`.
//  - `access: 'subscribe'`: the dynamic-security plugin from the same Debian package, which
//    refuses a forbidden SUBSCRIBE with reason 0x87 as VerneMQ does. It applies its rules only to
//    clients it authenticated itself, so it holds the passwords too (PBKDF2, as mosquitto_ctrl
//    writes them), and the password file and acl_file are left out.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 5;
const OUTPUT_TAIL = 8_000;
/** Debian installs the plugin under the multiarch library directory. */
const DYNSEC_PLUGIN_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib',
  '/usr/lib64',
  '/usr/local/lib',
];

export interface MosquittoOptions {
  /** Dino user ids; each may log in with `passwordFor(id)` and read only its own topic. */
  users: readonly string[];
  /** The `<env>` of `dms/<env>/<user>`; `test` unless given. */
  environment?: string;
  /** Topics every user may read besides its own, like Dino's `dms/<env>/irc`. */
  sharedTopics?: readonly string[];
  /** How access rules are enforced; see the top of this file. */
  access?: 'file' | 'subscribe';
  /**
   * acl_file lines for everyone but the publisher, in place of Dino's (`access: 'file'` only):
   * another protocol's broker, such as Kuzzle's MQTT side.
   */
  aclRules?: readonly string[];
  /** More mosquitto.conf lines. */
  extraConfig?: readonly string[];
}

export interface Mosquitto {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly wsPort: number;
  readonly dir: string;
  readonly publisher: { username: string; password: string };
  /** The running broker's process id, if it runs. */
  readonly pid: number | undefined;
  topicFor(user: string): string;
  passwordFor(user: string): string;
  /** SIGTERM and wait for the exit; mosquitto writes its persistence file on the way out. */
  stop(): Promise<void>;
  /** Starts again on the same ports with the same persistence. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the broker and deletes its directory. */
  dispose(): Promise<void>;
  output(): string;
}

const MOSQUITTO_BIN =
  process.env.MOSQUITTO_BIN ??
  (existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto');

export function passwordFor(user: string): string {
  return `secret-${user}`;
}

export async function startMosquitto(options: MosquittoOptions): Promise<Mosquitto> {
  const environment = options.environment ?? 'test';
  const dir = await mkdtemp(join(tmpdir(), 'tidings-mosquitto-'));
  const publisher = { username: 'dino-publisher', password: 'publisher-secret' };
  const access = options.access ?? 'file';
  const rules: AccessRules = {
    dir,
    environment,
    users: options.users,
    sharedTopics: options.sharedTopics ?? [],
    publisher,
    aclRules: options.aclRules,
  };
  let accessConfig: string[];
  try {
    if (access === 'file') {
      await writeAccessFiles(rules);
      accessConfig = [`password_file ${join(dir, 'passwd')}`, `acl_file ${join(dir, 'acl')}`];
    } else {
      await writeDynamicSecurity(rules);
      accessConfig = [
        `plugin ${dynsecPlugin()}`,
        `plugin_opt_config_file ${join(dir, 'dynamic-security.json')}`,
      ];
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let ports: [number, number] = [0, 0];
  let child: ChildProcess | undefined;
  let output = '';
  let killOnExit: (() => void) | undefined;

  async function launch(): Promise<void> {
    const [port, wsPort] = ports;
    const extra = [...accessConfig, ...(options.extraConfig ?? [])];
    await writeFile(join(dir, 'mosquitto.conf'), config(dir, port, wsPort, extra));
    output = '';
    const process_ = spawn(MOSQUITTO_BIN, ['-c', join(dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    process_.stdout?.on('data', keep);
    process_.stderr?.on('data', keep);
    // If the test process dies first, the broker must not outlive it.
    killOnExit = () => process_.kill('SIGKILL');
    process.once('exit', killOnExit);
    try {
      await waitForPorts(process_, [port, wsPort]);
    } catch (error) {
      await stopProcess();
      throw new Error(`mosquitto did not start: ${String(error)}\n${output}`, { cause: error });
    }
  }

  async function stopProcess(): Promise<void> {
    const process_ = child;
    child = undefined;
    if (killOnExit) process.removeListener('exit', killOnExit);
    killOnExit = undefined;
    if (!process_ || process_.exitCode !== null || process_.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => process_.once('exit', () => resolve()));
    process_.kill('SIGTERM');
    const timer = setTimeout(() => process_.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  // Another process may take a port between our probe and mosquitto's bind: try fresh ones.
  for (let attempt = 1; ; attempt++) {
    ports = await freePorts();
    try {
      await launch();
      break;
    } catch (error) {
      const collided = /address already in use/i.test(String(error));
      if (!collided || attempt >= PORT_ATTEMPTS) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const broker: Mosquitto = {
    get url() {
      return `mqtt://${HOST}:${ports[0]}`;
    },
    get wsUrl() {
      return `ws://${HOST}:${ports[1]}/mqtt`;
    },
    get port() {
      return ports[0];
    },
    get wsPort() {
      return ports[1];
    },
    dir,
    publisher,
    get pid() {
      return child?.pid;
    },
    topicFor: (user) => `dms/${environment}/${user}`,
    passwordFor,
    stop: stopProcess,
    start: async () => {
      if (child) return;
      await launch();
    },
    restart: async () => {
      await stopProcess();
      await launch();
    },
    dispose: async () => {
      await stopProcess();
      await rm(dir, { recursive: true, force: true });
    },
    output: () => output,
  };
  return broker;
}

function config(dir: string, port: number, wsPort: number, extra: readonly string[]): string {
  return [
    // mosquitto refuses to run as root unless told which user to stay.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'persistence true',
    `persistence_location ${dir}/`,
    // SIGTERM saves too; the autosave is for a broker that is killed.
    'autosave_interval 1',
    'allow_anonymous false',
    // Dino publishes at QoS 0 and VerneMQ upgrades to the subscription's QoS (protocol notes §4).
    'upgrade_outgoing_qos true',
    // The default (1000) would drop part of a burst queued for one client.
    'max_queued_messages 100000',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    `listener ${port} ${HOST}`,
    // mosquitto 2.0.11 will not start with a websockets listener alone; it follows the TCP one.
    `listener ${wsPort} ${HOST}`,
    'protocol websockets',
    ...extra,
    '',
  ].join('\n');
}

interface AccessRules {
  dir: string;
  aclRules: readonly string[] | undefined;
  environment: string;
  users: readonly string[];
  sharedTopics: readonly string[];
  publisher: { username: string; password: string };
}

async function writeAccessFiles(rules: AccessRules): Promise<void> {
  const file = join(rules.dir, 'passwd');
  const logins: [string, string][] = [
    [rules.publisher.username, rules.publisher.password],
    ...rules.users.map((user): [string, string] => [user, passwordFor(user)]),
  ];
  let first = true;
  for (const [user, password] of logins) {
    await execFileAsync('mosquitto_passwd', [...(first ? ['-c'] : []), '-b', file, user, password]);
    first = false;
  }
  await writeFile(
    join(rules.dir, 'acl'),
    [
      ...(rules.aclRules ?? [
        '# Like Dino on VerneMQ: a user may read its own topic only.',
        `pattern read dms/${rules.environment}/%u`,
        ...rules.sharedTopics.map((topic) => `pattern read ${topic}`),
      ]),
      '',
      `user ${rules.publisher.username}`,
      'topic readwrite #',
      '',
    ].join('\n'),
  );
}

/** mosquitto_ctrl's format: PBKDF2-SHA512 over the password with a random salt. */
function hashed(password: string) {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
  return { password: hash.toString('base64'), salt: salt.toString('base64'), iterations: 101 };
}

async function writeDynamicSecurity(rules: AccessRules): Promise<void> {
  // The plugin does not expand %u in 2.0.11, so each user gets a role naming its own topic.
  const readable = (user: string) => [`dms/${rules.environment}/${user}`, ...rules.sharedTopics];
  const allow = (acltype: string, topic: string) => ({ acltype, topic, allow: true });
  const document = {
    defaultACLAccess: {
      publishClientSend: false,
      publishClientReceive: false,
      subscribe: false,
      unsubscribe: true,
    },
    clients: [
      {
        username: rules.publisher.username,
        ...hashed(rules.publisher.password),
        roles: [{ rolename: 'publisher' }],
      },
      ...rules.users.map((user) => ({
        username: user,
        ...hashed(passwordFor(user)),
        roles: [{ rolename: `reader-${user}` }],
      })),
    ],
    roles: [
      { rolename: 'publisher', acls: [allow('publishClientSend', '#')] },
      ...rules.users.map((user) => ({
        rolename: `reader-${user}`,
        acls: readable(user).flatMap((topic) => [
          allow('subscribeLiteral', topic),
          allow('publishClientReceive', topic),
        ]),
      })),
    ],
  };
  await writeFile(join(rules.dir, 'dynamic-security.json'), JSON.stringify(document, null, 2));
}

/** Two ports the kernel just gave out on loopback, both held until both are known, then freed. */
async function freePorts(): Promise<[number, number]> {
  const servers = [createServer(), createServer()];
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, HOST, () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return [ports[0]!, ports[1]!];
}

function dynsecPlugin(): string {
  const configured = process.env.MOSQUITTO_DYNSEC_PLUGIN;
  if (configured) return configured;
  const found = DYNSEC_PLUGIN_DIRS.map((dir) => join(dir, 'mosquitto_dynamic_security.so')).find(
    (path) => existsSync(path),
  );
  if (!found) throw new Error('mosquitto_dynamic_security.so not found (Debian package mosquitto)');
  return found;
}

async function waitForPorts(process_: ChildProcess, ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited = false;
  process_.once('exit', () => {
    exited = true;
  });
  for (const port of ports) {
    for (;;) {
      if (exited)
        throw new Error(`mosquitto exited with ${process_.exitCode ?? process_.signalCode}`);
      if (Date.now() > deadline) throw new Error(`port ${port} did not open`);
      if (await accepts(port)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
