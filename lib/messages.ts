// The typed protocol between content script, popup, options and background.
// Each area declares its requests in its own module as `{ name: { request; response } }`;
// this file merges them and provides a pure client and router (callers pass the transport,
// so lib/ never touches `browser.*`).
import type { NotesProtocol } from './notes/messages';
import type { PageProtocol } from './page/messages';
import type { SetsProtocol } from './sets/messages';

export interface Protocol extends NotesProtocol, PageProtocol, SetsProtocol {}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K] extends { request: infer R } ? R : never;
export type ResponseOf<K extends MessageType> = Protocol[K] extends { response: infer R } ? R : never;

export interface Envelope<K extends MessageType = MessageType> {
  backstory: 1;
  type: K;
  payload: RequestOf<K>;
}

/** Errors cross the message boundary as data, so the UI can show a clear message (quota, validation...). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export class MessageError extends Error {}

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && (value as { backstory?: unknown }).backstory === 1
    && typeof (value as { type?: unknown }).type === 'string';
}

export type Transport = (message: Envelope) => Promise<unknown>;

/** A typed `send(type, payload)` over any transport (runtime.sendMessage, tabs.sendMessage, a test double). */
export function createClient(transport: Transport) {
  return async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    // The cast: TypeScript cannot relate RequestOf<K> to the union RequestOf<MessageType> for a generic K.
    const reply = (await transport({ backstory: 1, type, payload } as Envelope)) as Reply<ResponseOf<K>> | undefined;
    if (!reply) throw new MessageError(`No answer to ${type}: is Backstory's background running?`);
    if (!reply.ok) throw new MessageError(reply.error);
    return reply.value;
  };
}

export type Handlers<K extends MessageType = MessageType> = {
  [P in K]?: (payload: RequestOf<P>, sender: unknown) => Promise<ResponseOf<P>> | ResponseOf<P>;
};

/**
 * Dispatches an envelope to its handler and wraps the outcome as a Reply. Returns undefined for messages
 * that are not ours or have no handler here, so other listeners may answer them.
 */
export function routeMessage(handlers: Handlers, message: unknown, sender: unknown): Promise<Reply<unknown>> | undefined {
  if (!isEnvelope(message)) return undefined;
  const handler = handlers[message.type] as ((p: unknown, s: unknown) => unknown) | undefined;
  if (!handler) return undefined;
  return Promise.resolve()
    .then(() => handler(message.payload, sender))
    .then((value) => ({ ok: true as const, value }))
    .catch((error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }));
}
