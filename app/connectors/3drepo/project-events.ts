import type { TidingsEvent } from '../../core/events.js';
import { isPayload, text } from '../shared/payload.js';
import { buildEvent, digestOfValue, projectRoom, type MapContext } from './event.js';
import type { ProjectTab } from './links.js';

/** Project-room events (`createProjectMessage`): a model was created in the project. */
const CREATED: ReadonlyMap<string, { what: string; tab: ProjectTab }> = new Map([
  ['newContainer', { what: 'container', tab: 'containers' }],
  ['newFederation', { what: 'federation', tab: 'federations' }],
  ['newDrawing', { what: 'drawing', tab: 'drawings' }],
]);

export const PROJECT_EVENTS: readonly string[] = [...CREATED.keys()];

export function projectEvents(
  event: string,
  payload: unknown,
  context: MapContext,
): TidingsEvent[] | undefined {
  const created = CREATED.get(event);
  if (!created || !isPayload(payload)) return undefined;
  const teamspace = text(payload.teamspace);
  const project = text(payload.project);
  const data = payload.data;
  if (!teamspace || !project || !isPayload(data)) return undefined;
  const id = text(data._id);
  const name = text(data.name) ?? id ?? 'unnamed';
  const room = projectRoom(context, teamspace, project);
  const { links } = context;
  return [
    buildEvent(context, payload, {
      kind: 'model-created',
      id: `created:${teamspace}:${id ?? digestOfValue(data)}`,
      room,
      title: room.name ?? project,
      body: `New ${created.what} ${name}`,
      url:
        id && created.tab !== 'drawings'
          ? links.viewer(teamspace, project, id)
          : links.projectTab(teamspace, project, created.tab),
    }),
  ];
}
