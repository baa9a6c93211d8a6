import type { Host, HostReference } from './host.ts';
import { placedAt } from './reply-tracker.ts';

// Taken before learner code runs, which may replace them.
const MadeError = Error;
const defineProperty = Reflect.defineProperty;

/** An error the worker threw, made again here: its name and message, and this side's frames. */
function madeHere(thrown: unknown): unknown {
  if (!(thrown instanceof MadeError)) return thrown;
  const made = new MadeError(thrown.message);
  defineProperty(made, 'name', { value: thrown.name, writable: true, configurable: true });
  return placedAt(made, made);
}

function guarded<Args extends unknown[], Result>(
  reference: HostReference<Args, Result>,
): HostReference<Args, Result> {
  return {
    apply: (receiver, args, options) => reference.apply(receiver, args, options),
    applySync: (receiver, args, options) => {
      try {
        return reference.applySync(receiver, args, options);
      } catch (error) {
        throw madeHere(error);
      }
    },
  };
}

/**
 * The host, what its synchronous calls throw made again in here (a fixture that is not there, a
 * check that is over): thrown by the worker, such an error carries the worker's stack, whose
 * files are neither the learner's to see nor where their code went wrong.
 */
export function withoutWorkerStacks(host: Host): Host {
  return {
    ...host,
    random: guarded(host.random),
    digest: guarded(host.digest),
    readFixture: guarded(host.readFixture),
    hangUp: guarded(host.hangUp),
    connect: guarded(host.connect),
    clientEvent: guarded(host.clientEvent),
    byteLimitHit: guarded(host.byteLimitHit),
  };
}
