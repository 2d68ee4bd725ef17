// The two choices an account or a room has: what notifies, and a mute. Each takes effect at
// once (the page saves as you go).
import { announce, h } from './dom.js';
import { LEVEL_WORDS, MUTE_FOR, localTime } from './room-rules.js';

/**
 * What the account's own server says about the place, and how to write a level there too.
 * @typedef {{ words: string, save(level: string): Promise<{ ok: boolean, message?: string }> }} ServerSide
 */

/**
 * @param {{
 *   name: string,
 *   defaultWord: string,
 *   level: string | undefined,
 *   inherited: string,
 *   mutedUntil: string | undefined,
 *   server?: ServerSide,
 *   setLevel(level: string | undefined): void,
 *   setMute(until: string | undefined): void,
 * }} place
 */
export function placeControls(place) {
  const level = h(
    'select',
    { name: 'level', 'aria-label': `Notify about, ${place.name}` },
    h('option', { value: '' }, `${place.defaultWord} (${place.inherited})`),
    ...Object.entries(LEVEL_WORDS).map(([value, words]) =>
      h('option', { value, selected: value === place.level }, words),
    ),
  );
  const { server } = place;
  const alsoThere =
    server &&
    h('input', {
      type: 'checkbox',
      name: 'also-on-server',
      'aria-label': `Also on the server, ${place.name}`,
    });
  level.addEventListener('change', () => {
    place.setLevel(level.value || undefined);
    // Off unless ticked: the phone and the web app follow the server's own setting.
    if (server && alsoThere instanceof HTMLInputElement && alsoThere.checked)
      void server.save(level.value || 'default').then((outcome) => {
        if (outcome.message) announce(outcome.message);
      });
  });

  const muted = place.mutedUntil;
  const mute = h(
    'select',
    { name: 'mute', 'aria-label': `Mute, ${place.name}` },
    h('option', { value: '' }, muted ? `Muted until ${localTime(muted)}` : 'Not muted'),
    ...MUTE_FOR.map(([minutes, words]) => h('option', { value: String(minutes) }, words)),
    h('option', { value: 'until' }, 'Until a time…'),
  );
  const untilInput = h('input', {
    type: 'datetime-local',
    name: 'mute-until',
    'aria-label': `Mute ${place.name} until`,
  });
  const untilBox = h(
    'span',
    { class: 'mute-until', hidden: true },
    untilInput,
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          if (untilInput.value) place.setMute(new Date(untilInput.value).toISOString());
        },
      },
      'Mute',
    ),
  );
  mute.addEventListener('change', () => {
    untilBox.hidden = mute.value !== 'until';
    if (mute.value === 'until') untilInput.focus();
    else if (mute.value)
      place.setMute(new Date(Date.now() + Number(mute.value) * 60_000).toISOString());
  });
  const unmute =
    muted &&
    h(
      'button',
      {
        type: 'button',
        class: 'unmute',
        'aria-label': `Unmute ${place.name}`,
        onclick: () => place.setMute(undefined),
      },
      'Unmute',
    );
  return h(
    'span',
    { class: 'place-controls' },
    h('label', { class: 'inline' }, h('span', { 'aria-hidden': 'true' }, 'Notify about '), level),
    h('label', { class: 'inline' }, h('span', { 'aria-hidden': 'true' }, 'Mute '), mute),
    untilBox,
    unmute,
    server &&
      h(
        'span',
        { class: 'server-level' },
        `On the server: ${server.words}`,
        h('label', { class: 'inline' }, alsoThere, ' Also on the server'),
      ),
  );
}
