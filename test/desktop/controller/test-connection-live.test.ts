// "Test connection" on a saved account whose form is unchanged and which is online now: the
// running connection answers, and no second connection reaches the broker (on Dino's broker a
// second client id may be refused where the live one works). A changed form, or an account that
// is not online, still gets a real test. The real controller, real connectors, real mosquitto
// refusing a forbidden SUBSCRIBE as VerneMQ does; the factory is the registry's, only counted.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createConnector } from '../../../app/connectors/registry.js';
import type { ConnectorFactory } from '../../../app/core/connector.js';
import type { AccountForm } from '../../../app/ipc/contract.js';
import { startDesktop, type DesktopHarness } from '../../support/electron-controller.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { connectPublisher } from '../../connectors/dino/publisher.js';

const USER = '5201';
const OTHER = '5202';
let broker: Mosquitto;
let app: DesktopHarness | undefined;
let probes = 0;

const counting: ConnectorFactory = (account, context) => {
  if (context.probe) probes++;
  return createConnector(account, context);
};

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER, OTHER], access: 'subscribe' });
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  probes = 0;
});

afterAll(async () => {
  await broker?.dispose();
});

/** Polls until `check` holds; `what` names it when it never does. */
const until = (check: () => boolean, what: string) =>
  vi.waitFor(() => expect(check(), what).toBe(true), { timeout: 10_000, interval: 25 });

/**
 * How many clients signed in as `user` the broker has logged so far. A publisher connects
 * first as a marker: once its line is in the log, every earlier connect is there too.
 */
let markers = 0;
async function brokerConnectsOf(user: string): Promise<number> {
  const marker = await connectPublisher(broker);
  await marker.close();
  markers++;
  const publisherLines = () => broker.output().match(/New client connected .*u'dino-publisher'/g);
  await until(() => (publisherLines()?.length ?? 0) >= markers, 'the marker in the broker log');
  return broker.output().match(new RegExp(`New client connected .* u'${user}'`, 'g'))?.length ?? 0;
}

function dinoForm(id: string, user: string, password: string): AccountForm {
  return {
    id,
    type: 'dino',
    broker: broker.url,
    userId: user,
    topic: broker.topicFor(user),
    auth: { username: user, password },
  } as AccountForm;
}

/** The form as the window sends it back for a saved account: stored secrets left empty. */
const asWindowSends = (form: AccountForm): AccountForm =>
  ({ ...form, auth: { ...(form.auth as object), password: '' } }) as AccountForm;

async function savedAndSettled(form: AccountForm, state: string): Promise<void> {
  const controller = app!.controller;
  expect(await controller.saveAccount(form)).toEqual({ ok: true });
  const now = () => controller.snapshot().accounts.find((a) => a.id === form.id)?.state;
  await until(() => now() === state, `${form.id} to be ${state}`);
}

it('an unchanged, online account answers from its running connection and opens nothing', async () => {
  app = startDesktop({ createConnector: counting });
  const form = dinoForm('chat', USER, broker.passwordFor(USER));
  await savedAndSettled(form, 'online');
  const view = app.controller.snapshot().accounts[0]!;
  const topic = broker.topicFor(USER);
  expect(view.details?.[topic]).toBeTruthy();
  const before = await brokerConnectsOf(USER);

  const fromWindow = await app.controller.testConnection(asWindowSends(form), 'chat');
  // The password typed again, the same as the stored one, is no change either.
  const retyped = await app.controller.testConnection(form, 'chat');

  for (const outcome of [fromWindow, retyped]) {
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toMatch(
      /^Connected and signed in \(the running connection, online since \S+( [AP]M)?; /,
    );
    // The connector's "subscribed" for the own topic, in words a Dino user knows.
    expect(view.details?.[topic]).toBe('subscribed');
    expect(outcome.message).toContain(`Direct messages (${topic}): ready`);
    expect(outcome.message).not.toContain(`${topic}: subscribed`);
  }
  expect(probes).toBe(0);
  expect(await brokerConnectsOf(USER)).toBe(before);
  expect(app.controller.snapshot().accounts[0]?.statusText).toBe(view.statusText);
});

it('a changed topic is tested with a connection of its own, never answered as online', async () => {
  app = startDesktop({ createConnector: counting });
  const form = dinoForm('chat', USER, broker.passwordFor(USER));
  await savedAndSettled(form, 'online');
  const before = await brokerConnectsOf(USER);
  const otherTopic = broker.topicFor(OTHER);

  const outcome = await app.controller.testConnection(
    { ...asWindowSends(form), topic: otherTopic } as AccountForm,
    'chat',
  );

  expect(outcome.message).not.toContain('running connection');
  // The probe's own SUBACK: the broker refuses 5201 another user's topic, as VerneMQ does.
  expect(outcome).toEqual({
    ok: false,
    message: `Sign-in failed: not authorized to read ${otherTopic}`,
  });
  expect(probes).toBe(1);
  expect(await brokerConnectsOf(USER)).toBe(before + 1);
  expect(app.controller.snapshot().accounts[0]?.state).toBe('online');
});

it('an account whose sign-in failed is tested for real and says why', async () => {
  app = startDesktop({ createConnector: counting });
  const form = dinoForm('wrong', USER, 'not-the-password');
  await savedAndSettled(form, 'auth-failed');

  const outcome = await app.controller.testConnection(asWindowSends(form), 'wrong');

  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^Sign-in failed/);
  expect(probes).toBe(1);
});

it('a paused account is tested with a connection of its own', async () => {
  app = startDesktop({ createConnector: counting });
  const form = dinoForm('chat', USER, broker.passwordFor(USER));
  await savedAndSettled(form, 'online');
  await app.controller.accountAction('chat', 'pause');
  expect(app.controller.snapshot().accounts[0]?.paused).toBe(true);
  const before = await brokerConnectsOf(USER);

  const outcome = await app.controller.testConnection(asWindowSends(form), 'chat');

  expect(outcome.ok).toBe(true);
  expect(outcome.message).not.toContain('running connection');
  expect(outcome.message).toContain(`Direct messages (${broker.topicFor(USER)}): ready`);
  expect(probes).toBe(1);
  expect(await brokerConnectsOf(USER)).toBe(before + 1);
});
