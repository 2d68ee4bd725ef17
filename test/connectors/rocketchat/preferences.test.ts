// The server's own notification preferences, both ways: read when the account connects and as
// they change in the web app or on the phone; the server's highlights count as keywords; a level
// set in Tidings is written to the room or the account on the server when asked.
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();

async function startAlice(settings?: Parameters<typeof startRocketChatApp>[1]) {
  const account = makeRocketChatAccount(fixture.world.server, { auth: aliceByPassword });
  const app = fixture.started(startRocketChatApp(account, settings));
  await app.waitForState('online');
  return { app, account };
}

describe('Rocket.Chat notification preferences on the server', () => {
  it("reads the account's and each room's preferences when it connects", async () => {
    const { server } = fixture.world;
    server.savePreferences('alice', {
      desktopNotifications: 'mentions',
      highlights: ['deploy'],
      desktopNotificationRequireInteraction: true,
    });
    server.saveRoomNotification('alice', 'DEV', 'desktopNotifications', 'nothing');
    server.saveRoomNotification('alice', 'RANDOM', 'disableNotifications', '1');
    const { app } = await startAlice();
    const current = await app.waitFor(() => {
      const last = app.preferences.at(-1);
      if (!last) throw new Error('no preferences yet');
      return last;
    });
    expect(current).toMatchObject({
      level: 'mentions',
      highlights: ['deploy'],
      stayUntilDismissed: true,
      rooms: {
        GENERAL: { level: 'default', muted: false },
        DEV: { level: 'nothing', muted: false },
        RANDOM: { level: 'default', muted: true },
      },
    });
  });

  it('asks for notifications that stay until dismissed when the user chose so on the server', async () => {
    fixture.world.server.savePreferences('alice', { desktopNotificationRequireInteraction: true });
    const { app, account } = await startAlice();
    await app.waitFor(() => expect(app.preferences.at(-1)?.stayUntilDismissed).toBe(true));
    fixture.world.server.post('bob', 'GENERAL', 'please approve the release');
    const shown = await app.waitFor(() => {
      const visible = app.sink.visibleFor(account.id, 'GENERAL');
      if (!visible) throw new Error('nothing shown yet');
      return visible;
    });
    expect(shown.stayUntilDismissed).toBe(true);
  });

  it('follows changes made in another client, for the account and for a room', async () => {
    const { app } = await startAlice();
    await app.waitFor(() => expect(app.preferences.length).toBeGreaterThan(0));
    fixture.world.server.savePreferences('alice', { highlights: ['release', 'outage'] });
    await app.waitFor(() =>
      expect(app.preferences.at(-1)?.highlights).toEqual(['release', 'outage']),
    );
    fixture.world.server.saveRoomNotification('alice', 'GENERAL', 'desktopNotifications', 'all');
    await app.waitFor(() => expect(app.preferences.at(-1)?.rooms.GENERAL?.level).toBe('all'));
  });

  it("counts the server's highlights as mentions in Tidings' own rules", async () => {
    fixture.world.server.savePreferences('alice', { highlights: ['deploy'] });
    const { app } = await startAlice({ settings: { level: 'mentions' } });
    await app.waitFor(() => expect(app.preferences.at(-1)?.highlights).toEqual(['deploy']));
    fixture.world.server.post('bob', 'GENERAL', 'lunch anyone?');
    fixture.world.server.post('bob', 'DEV', 'Deploy starts at five');
    const messages = () =>
      app.pipeline.history.list().filter((e) => e.event.kind === 'message-sent');
    await app.waitFor(() => expect(messages()).toHaveLength(2));
    const decisions = messages().map((e) => [e.event.body, e.decision]);
    expect(decisions).toEqual([
      ['Deploy starts at five', 'shown'],
      ['lunch anyone?', 'mentions only'],
    ]);
  });

  it('writes a room level and the account level to the server when asked', async () => {
    const { app } = await startAlice();
    const { server } = fixture.world;
    await app.connector().saveServerLevel!('mentions', 'GENERAL');
    expect(server.store.subscription('GENERAL', 'alice-id')).toMatchObject({
      desktopNotifications: 'mentions',
      desktopPrefOrigin: 'subscription',
    });
    await app.waitFor(() => expect(app.preferences.at(-1)?.rooms.GENERAL?.level).toBe('mentions'));

    await app.connector().saveServerLevel!('none');
    expect(server.store.mustUser('alice').desktopNotifications).toBe('nothing');
    // Rooms that follow the account take the new level; the one set on its own keeps it.
    expect(server.store.subscription('DEV', 'alice-id')?.desktopNotifications).toBe('nothing');
    expect(server.store.subscription('GENERAL', 'alice-id')?.desktopNotifications).toBe('mentions');

    await app.connector().saveServerLevel!('default', 'GENERAL');
    await app.waitFor(() => expect(app.preferences.at(-1)?.rooms.GENERAL?.level).toBe('default'));
  });

  it('falls back to the DDP methods where the server has no REST route for them', async () => {
    const world = await fixture.replace({
      missingRestRoutes: ['rooms.saveNotification', 'users.setPreferences', 'users.getPreferences'],
    });
    const { app } = await startAlice();
    await app.connector().saveServerLevel!('none', 'DEV');
    await app.connector().saveServerLevel!('mentions');
    expect(world.server.store.subscription('DEV', 'alice-id')?.desktopNotifications).toBe(
      'nothing',
    );
    expect(world.server.store.mustUser('alice').desktopNotifications).toBe('mentions');
    expect(world.server.hub.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['saveNotificationSettings', 'saveUserPreferences']),
    );
  });

  it("a refusal says the server's reason", async () => {
    const { app } = await startAlice();
    const outsider = fixture.world.server.addRoom({
      type: 'p',
      name: 'board',
      members: ['bob'],
      id: 'BOARD',
    });
    await expect(app.connector().saveServerLevel!('all', outsider._id)).rejects.toThrow(
      'Invalid subscription',
    );
  });
});
