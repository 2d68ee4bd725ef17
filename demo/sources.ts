// Every protocol's demo source. One that cannot start here (mosquitto not installed, say) is
// left out with a sentence that says why and how to add it; the others go on.
import { startDinoDemo } from './dino.js';
import { startGotifyDemo } from './gotify.js';
import { startKuzzleDemo } from './kuzzle.js';
import { startNtfyDemo } from './ntfy.js';
import { startRocketChatDemo } from './rocketchat.js';
import type { DemoSource } from './source.js';
import { startThreeDRepoDemo } from './threedrepo.js';

const starters: { name: string; start: () => Promise<DemoSource>; needs?: string }[] = [
  { name: 'Rocket.Chat', start: startRocketChatDemo },
  { name: '3D Repo', start: startThreeDRepoDemo },
  { name: 'Dino', start: startDinoDemo, needs: 'mosquitto (sudo apt-get install mosquitto)' },
  { name: 'Kuzzle', start: startKuzzleDemo },
  { name: 'ntfy', start: startNtfyDemo },
  { name: 'Gotify', start: startGotifyDemo },
];

export async function demoSources(say: (text: string) => void): Promise<DemoSource[]> {
  const started = await Promise.allSettled(starters.map((s) => s.start()));
  const sources: DemoSource[] = [];
  started.forEach((result, i) => {
    const starter = starters[i]!;
    if (result.status === 'fulfilled') sources.push(result.value);
    else
      say(
        `${starter.name} left out: ${String(result.reason).split('\n')[0]}${starter.needs ? ` — it needs ${starter.needs}` : ''}`,
      );
  });
  if (sources.length === 0) throw new Error('no demo server could start');
  return sources;
}
