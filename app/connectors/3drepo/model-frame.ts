import type { TidingsEvent } from '../../core/events.js';
import { isPayload, text, type Payload } from '../shared/payload.js';
import type { MapContext, ModelPlace } from './event.js';

/** Which kind of model an event name is about: `container…`, `federation…`, `drawing…`. */
export type ModelType = 'container' | 'federation' | 'drawing';

/** One model-room event: the envelope opened (`createModelMessage`). */
export interface ModelFrame {
  /** The event name without its model type: `NewRevision`, `SettingsUpdate`, … */
  name: string;
  modelType: ModelType;
  place: ModelPlace;
  data: Payload;
  raw: unknown;
  context: MapContext;
}

export type ModelHandler = (frame: ModelFrame) => TidingsEvent[];

const MODEL_EVENT = /^(container|federation|drawing)([A-Z]\w*)$/;

/**
 * The envelope `{teamspace, project, model, data}`; one server version spread `data` flat
 * beside the three ids, which reads the same here.
 */
export function openModelFrame(
  event: string,
  payload: unknown,
  context: MapContext,
): ModelFrame | undefined {
  const match = MODEL_EVENT.exec(event);
  if (!match || !isPayload(payload)) return undefined;
  const teamspace = text(payload.teamspace);
  const project = text(payload.project);
  const model = text(payload.model);
  if (!teamspace || !project || !model) return undefined;
  let data: Payload;
  if (isPayload(payload.data)) data = payload.data;
  else {
    const { teamspace: _t, project: _p, model: _m, ...flat } = payload;
    data = flat;
  }
  return {
    name: match[2]!,
    modelType: match[1] as ModelType,
    place: { teamspace, project, model },
    data,
    raw: payload,
    context,
  };
}

/** Drawings have no viewer page: their link is the project's drawings list. */
export function modelLink(frame: ModelFrame, revision?: string): string {
  const { links } = frame.context;
  const { teamspace, project, model } = frame.place;
  if (frame.modelType === 'drawing') return links.projectTab(teamspace, project, 'drawings');
  return links.viewer(teamspace, project, model, revision);
}
