import type { TidingsEvent } from '../../core/events.js';
import { text } from '../shared/payload.js';
import { buildEvent, digestOfValue, modelName, modelRoom, timeOf } from './event.js';
import { modelLink, type ModelFrame } from './model-frame.js';

/**
 * `…SettingsUpdate`: only what changed. An import's end (`ok`, `failed`) is news; its ticks
 * (`queued`, `processing`, …) and other settings changes go to history only.
 */
export function settingsEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const name = modelName(context, place);
  const room = modelRoom(context, place);
  const status = text(data.status);
  const base = { room, title: name, url: modelLink(frame) };
  const id = `settings:${room.id}:${digestOfValue(data)}`;
  if (status === 'ok')
    return [
      buildEvent(context, frame.raw, {
        ...base,
        kind: 'model-imported',
        id,
        body: `${drawing(frame, 'Import')} finished`,
        time: timeOf(data.timestamp),
      }),
    ];
  if (status === 'failed') {
    const reason = failureReason(data.errorReason);
    return [
      buildEvent(context, frame.raw, {
        ...base,
        kind: 'model-import-failed',
        id,
        body: `${drawing(frame, 'Import')} failed${reason ? `: ${reason}` : ''}`,
        time: timeOf((data.errorReason as { timestamp?: unknown } | undefined)?.timestamp),
      }),
    ];
  }
  if (status !== undefined)
    return [
      buildEvent(context, frame.raw, {
        ...base,
        kind: 'model-imported',
        id,
        body: `${drawing(frame, 'Import')}: ${status}`,
        historyOnly: `import ${status}`,
      }),
    ];
  const changed = Object.keys(data).join(', ') || 'nothing';
  return [
    buildEvent(context, frame.raw, {
      ...base,
      kind: text(data.name) ? 'room-name-changed' : 'room-description-changed',
      id,
      body: `${drawing(frame, 'Settings')} changed: ${changed}`,
      historyOnly: 'model settings changed',
    }),
  ];
}

function failureReason(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  const reason = value as { message?: unknown; errorCode?: unknown } | undefined;
  return (
    text(reason?.message) ??
    (reason?.errorCode === undefined ? undefined : `error ${String(reason.errorCode)}`)
  );
}

/** `…NewRevision`: `{_id, tag?, author, timestamp, desc?}` (`author`, not the README's `owner`). */
export function newRevisionEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const revision = text(data._id);
  const label = text(data.tag) ?? text(data.revCode) ?? revision ?? 'a revision';
  const author = text(data.author) ?? text(data.owner);
  const name = modelName(context, place);
  const desc = text(data.desc);
  const room = modelRoom(context, place);
  return [
    buildEvent(context, frame.raw, {
      kind: 'model-revision-added',
      id: `revision:${room.id}:${revision ?? digestOfValue(data)}`,
      room,
      title: name,
      body: `New ${frame.modelType === 'drawing' ? 'drawing ' : ''}revision ${label}${author ? ` by ${author}` : ''}${desc ? `: ${desc}` : ''}`,
      author,
      time: timeOf(data.timestamp),
      url: modelLink(frame, revision),
    }),
  ];
}

/** `…RevisionUpdate`: `{_id, …changed}`, in practice voiding and restoring a revision. */
export function revisionUpdateEvents(frame: ModelFrame): TidingsEvent[] {
  const { data, context, place } = frame;
  const revision = text(data._id) ?? '?';
  const name = modelName(context, place);
  const room = modelRoom(context, place);
  const { _id, ...changed } = data;
  const what =
    changed.void === true
      ? 'was voided'
      : changed.void === false
        ? 'was restored'
        : `changed: ${Object.keys(changed).join(', ') || 'nothing'}`;
  return [
    buildEvent(context, frame.raw, {
      kind: 'model-revision-updated',
      id: `revision-update:${room.id}:${revision}:${digestOfValue(data)}`,
      room,
      title: name,
      body: `${drawing(frame, 'Revision')} ${revision} ${what}`,
      url: modelLink(frame, _id === undefined ? undefined : revision),
    }),
  ];
}

/** `…Removed`: `{}`; the model is gone, so the link is the project's list. */
export function removedEvents(frame: ModelFrame): TidingsEvent[] {
  const { context, place } = frame;
  const name = modelName(context, place);
  const room = modelRoom(context, place);
  const tab = frame.modelType === 'federation' ? 'federations' : (`${frame.modelType}s` as const);
  return [
    buildEvent(context, frame.raw, {
      kind: 'model-removed',
      id: `removed:${room.id}`,
      room,
      title: name,
      body: `${frame.modelType === 'drawing' ? 'Drawing' : frame.modelType === 'federation' ? 'Federation' : 'Model'} removed`,
      url: context.links.projectTab(place.teamspace, place.project, tab),
    }),
  ];
}

/**
 * The title names the model ("Tower"), so a body says only what happened to it; a drawing's
 * says that it is one ("Drawing import finished").
 */
function drawing(frame: ModelFrame, words: string): string {
  if (frame.modelType !== 'drawing') return words;
  return `Drawing ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
}
