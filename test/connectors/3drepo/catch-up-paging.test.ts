// A catch-up of 5,000 tickets: the list comes in pages, every ticket's comments are asked for,
// and the events are handed over in batches, so the event loop is never held more than 50 ms
// at a time (perf_hooks' event-loop delay monitor). The server runs in a process of its own, as
// a real one would: only the app's work counts against its event loop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface, type Interface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { TICKET_PAGE } from '../../../app/connectors/3drepo/catch-up-queries.js';
import type { ThreeDRepoAccount } from '../../../app/core/settings/accounts.js';
import { REPO_ROOT } from '../../support/cli-process.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';

const ITEMS = 5_000;
let app: ThreeDRepoApp | undefined;
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(async () => {
  await app?.stop();
  child?.kill();
  app = child = undefined;
});

/** The test server's own process (test/servers/3drepo/main.ts) and its stdin commands. */
async function serverProcess() {
  child = spawn(process.execPath, ['--import', 'tsx', 'test/servers/3drepo/main.ts'], {
    cwd: REPO_ROOT,
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const hello = JSON.parse(await next()) as {
    url: string;
    cookie: string;
    rooms: NonNullable<ThreeDRepoAccount['rooms']>;
  };
  const command = async (line: string): Promise<string[]> => {
    const said: string[] = [];
    const done = new Promise<void>((resolve) => {
      const listen = (text: string) => {
        if (text !== `done ${line.split(' ')[0]!}`) return void said.push(text);
        lines.off('line', listen);
        resolve();
      };
      lines.on('line', listen);
    });
    child!.stdin.write(`${line}\n`);
    await done;
    return said;
  };
  return { ...hello, command };
}

describe('a 3D Repo catch-up of 5,000 items', () => {
  it('pages through them without holding the event loop more than 50 ms at a time', async () => {
    const server = await serverProcess();
    const tower = server.rooms.find((room) => 'model' in room)!;
    const project = 'project' in tower ? tower.project : '?';
    app = startThreeDRepoApp(
      makeThreeDRepoAccount({
        server: server.url,
        auth: { cookie: server.cookie },
        rooms: [tower],
      }),
    );
    await app.waitForState('online');
    await server.command('stop');
    await server.command(`tickets ${ITEMS}`);

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await server.command('start');
    const summary = await app.waitForEvent((e) => e.id.startsWith('catch-up:'), 60_000);
    delay.disable();

    expect(summary.title).toBe(`${ITEMS} new tickets in Tower`);
    const caught = app.emitted.filter(
      (e) => e.catchUp && e.kind === 'ticket-created' && !e.id.startsWith('catch-up:'),
    );
    expect(new Set(caught.map((e) => e.id)).size).toBe(ITEMS);
    expect(app.seen()).toEqual([
      `${ITEMS} new tickets in Tower — New ticket #${ITEMS} 'Clash ${ITEMS}' by bob\nand ${ITEMS - 1} more from bob`,
    ]);
    // Paged: the changed tickets, then every ticket (for their comments), a page at a time.
    const [counts] = await server.command('requests');
    const requests = JSON.parse(counts!) as Record<string, number>;
    // A full last page is followed by an empty one; the type probe asks once more.
    const pages = Math.floor(ITEMS / TICKET_PAGE) + 1;
    expect(requests).toMatchObject({
      [`GET /v5/teamspaces/acme/projects/${project}/containers/…/tickets`]: 2 * pages + 1,
      [`GET /v5/teamspaces/acme/projects/${project}/containers/…/tickets/…/comments`]: ITEMS,
    });
    const longestMs = delay.max / 1e6;
    console.log(`5,000-item catch-up: longest event-loop delay ${longestMs.toFixed(1)} ms`);
    expect(longestMs).toBeLessThan(50);
  }, 90_000);
});
