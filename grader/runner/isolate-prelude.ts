// Source evaluated inside each learner isolate before the learner's module, as a closure over:
//   $0  Reference to the worker's RedisBridge.send(clientId, method, args)
//   $1  Reference to the worker's output capture print(level, text)
//   $2  copy of ioredis's command method names
// It installs `console`, leaves the ioredis stand-in where the synthetic 'ioredis' module finds
// it, and returns the invoker the worker uses to call learner exports. Plain JavaScript on
// purpose: it is never transpiled, so no bundler helper can leak into the isolate.
export const PRELUDE_SOURCE = `
const send = $0;
const print = $1;
const methods = $2;
const ids = new WeakMap();
let lastId = 0;

const forward = (client, method, args) => {
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  const reply = send.apply(undefined, [ids.get(client), method, args], {
    arguments: { copy: true },
    result: { promise: true, copy: true },
  });
  if (!callback) return reply;
  reply.then((value) => callback(null, value), (error) => callback(error));
  return reply;
};

class Redis {
  constructor() {
    // Host, port, URL and options are accepted and ignored: every client in a run reaches
    // that run's sandbox, so the code a learner writes at home works here unchanged.
    ids.set(this, ++lastId);
    this.status = 'ready';
  }
  call(...args) { return forward(this, 'call', args); }
  callBuffer(...args) { return forward(this, 'callBuffer', args); }
  disconnect() { this.status = 'end'; }
}
for (const method of methods) {
  Object.defineProperty(Redis.prototype, method, {
    value: function (...args) { return forward(this, method, args); },
    writable: true,
    configurable: true,
  });
}
Object.defineProperty(globalThis, '__keyspaceRedis', { value: Redis });

const show = (value) => {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};
const level = (name) => (...values) => {
  print.applyIgnored(undefined, [name, values.map(show).join(' ')], { arguments: { copy: true } });
};
globalThis.console = { log: level('log'), info: level('info'), warn: level('warn'), error: level('error') };

return async (namespace, name, args) => {
  return namespace[name](...args.map((arg) => (arg.kind === 'sandbox-client' ? new Redis() : arg.value)));
};
`;

export const IOREDIS_MODULE_SOURCE = `
const Redis = globalThis.__keyspaceRedis;
export default Redis;
export { Redis };
`;
