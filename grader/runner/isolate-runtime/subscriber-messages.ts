import type { EventEmitter } from './event-emitter.ts';
import type { HostMessage } from './host.ts';
import { withBuffers } from './redis-replies.ts';

// A Set, not a pattern: this runs for every command, and a fresh context would compile the
// pattern again on its first command, in every grading.
const SUBSCRIBING = new Set(['subscribe', 'psubscribe', 'ssubscribe']);

/** ioredis's methods that subscribe a connection: after their reply, messages may come. */
export function subscribes(method: string, args: readonly unknown[]): boolean {
  const name = method === 'call' || method === 'callBuffer' ? String(args[0]) : method;
  const command = name.endsWith('Buffer') ? name.slice(0, -'Buffer'.length) : name;
  return SUBSCRIBING.has(command.toLowerCase());
}

/**
 * Emits a message as ioredis's DataHandler does: the text event only when someone listens to it
 * (ioredis skips decoding otherwise), the Buffer event always. A listener that throws is reported
 * as uncaught, and the next message still arrives.
 */
export function emitMessage(client: EventEmitter, message: HostMessage): void {
  const [event, ...rest] = withBuffers(message) as HostMessage;
  try {
    if (event === 'pmessage') {
      const [pattern, channel, body] = rest as [string, Uint8Array, Uint8Array];
      if (client.listenerCount('pmessage') > 0) {
        client.emit('pmessage', pattern, String(channel), String(body));
      }
      client.emit('pmessageBuffer', pattern, channel, body);
      return;
    }
    const [channel, body] = rest as [Uint8Array, Uint8Array];
    if (client.listenerCount(event) > 0) client.emit(event, String(channel), String(body ?? ''));
    client.emit(`${event}Buffer`, channel, body);
  } catch (error) {
    console.error(`Uncaught error in a '${event}' listener:`, error);
  }
}
