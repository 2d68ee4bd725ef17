import { isPayload, text } from '../shared/payload.js';

/** Dino's `message_type` values (`MessageTypes` in dino-service; 9, 10 and 64 are not in its doc). */
export const MessageType = {
  message: 0,
  noThanks: 1,
  noThanksHide: 2,
  image: 3,
  greeterMeeterAuto: 4,
  greeterMeeterManual: 5,
  video: 9,
  audio: 10,
  actionWhisper: 64,
  action: 100,
} as const;

const ATTACHMENT_BODIES: ReadonlyMap<number, string> = new Map([
  [MessageType.image, 'sent a photo'],
  [MessageType.video, 'sent a video'],
  [MessageType.audio, 'sent an audio message'],
]);

/**
 * The text of `message_payload`. Dino stores text messages as a JSON string `{"content": …}`
 * (see `truncate_json_message`), and the backend may send it parsed or as plain text.
 */
export function payloadText(payload: unknown): string | undefined {
  if (isPayload(payload)) return text(payload.content);
  const raw = text(payload);
  if (raw === undefined || !raw.trimStart().startsWith('{')) return raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    // A JSON object without `content` is an attachment's metadata: nothing a person reads.
    return isPayload(parsed) ? text(parsed.content) : raw;
  } catch {
    return raw;
  }
}

/** What a notification says for a message: its text, or what was sent ("sent a photo"). */
export function messageBody(messageType: number | undefined, payload: unknown, hasFile: boolean) {
  const attachment = messageType === undefined ? undefined : ATTACHMENT_BODIES.get(messageType);
  if (attachment) return attachment;
  if (messageType === MessageType.noThanks || messageType === MessageType.noThanksHide)
    return 'said no thanks';
  const content = payloadText(payload);
  if (content) return content;
  if (
    messageType === MessageType.greeterMeeterAuto ||
    messageType === MessageType.greeterMeeterManual
  )
    return 'sent a greeting';
  return hasFile ? 'sent a file' : 'sent a message';
}
