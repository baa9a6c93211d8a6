import { EventEmitter, on, once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { eventsModule } from './event-emitter.ts';

interface Events {
  EventEmitter: typeof EventEmitter;
  once: typeof once;
  on: typeof on;
}
const nodeEvents: Events = { EventEmitter, once, on };
const sandboxEvents = eventsModule as unknown as Events;

/** What a program sees of an emitter: listener order, once, removal during emit, counts. */
async function trace({ EventEmitter, once, on }: Events): Promise<unknown[]> {
  const seen: unknown[] = [];
  const emitter = new EventEmitter();
  emitter.on('newListener', (event: unknown) => seen.push(['newListener', event]));
  const second = (value: unknown) => seen.push(['second', value]);
  emitter.on('x', (value: unknown) => {
    seen.push(['first', value]);
    emitter.removeListener('x', second);
  });
  emitter.on('x', second);
  emitter.prependOnceListener('x', (value: unknown) => seen.push(['prepended once', value]));
  seen.push(emitter.listenerCount('x'), emitter.emit('x', 1), emitter.emit('x', 2));
  seen.push(emitter.listenerCount('x'), emitter.emit('nobody'), emitter.eventNames());
  seen.push(emitter.listeners('x').length, emitter.rawListeners('x').length);
  emitter.removeAllListeners('x');
  seen.push(emitter.listenerCount('x'));

  try {
    emitter.emit('error', new Error('no listener'));
  } catch (error) {
    seen.push(['thrown', (error as Error).message]);
  }
  setTimeout(() => emitter.emit('done', 'a', 'b'), 1);
  seen.push(['once', await once(emitter, 'done')]);
  setTimeout(() => emitter.emit('error', new Error('failed')), 1);
  seen.push(['once rejects', await once(emitter, 'done').catch((error: Error) => error.message)]);

  const iterated: unknown[] = [];
  setTimeout(() => {
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
  }, 1);
  for await (const args of on(emitter, 'tick')) {
    iterated.push(args);
    if (iterated.length === 2) break;
  }
  seen.push(['on', iterated, emitter.listenerCount('tick')]);
  seen.push(sandboxOrNode(EventEmitter));
  return seen;
}

const sandboxOrNode = (EventEmitter: Events['EventEmitter']) => [
  typeof EventEmitter.once,
  (EventEmitter as unknown as { EventEmitter: unknown }).EventEmitter === EventEmitter,
];

describe("the sandbox's node:events", () => {
  it('behaves as Node’s for the code people write', async () => {
    expect(await trace(sandboxEvents)).toEqual(await trace(nodeEvents));
  });

  it('exports what node:events does, the class as the default', () => {
    expect(eventsModule.default).toBe(eventsModule.EventEmitter);
    for (const name of ['EventEmitter', 'once', 'on'] as const) {
      expect(typeof eventsModule[name]).toBe(typeof nodeEvents[name]);
    }
  });
});
