import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentOf, readSettings } from '../grader/index.ts';
import { WORKER_USAGE } from '../queue/index.ts';
import { START_USAGE } from './start-command.ts';

// docker-compose.yml is read by Docker, never by this code: these tests hold it to what
// `keyspace start` and `keyspace worker` actually read, since no Docker engine runs in CI.

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const COMPOSE_FILE = 'docker-compose.yml';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
}

interface ComposeFile {
  services?: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = readFileSync(join(REPOSITORY, COMPOSE_FILE), 'utf8');
// `merge`: the file shares the app's and the workers' settings through `<<: *keyspace`.
const compose = parse(composeText, { merge: true }) as ComposeFile;
/** Every scalar as written (`9464.0` stays that, not 9464): what Compose hands a container. */
const written = parse(composeText, { schema: 'failsafe', merge: true }) as ComposeFile;

function service(name: string): Service {
  const found = compose.services?.[name];
  if (!found) throw new Error(`${COMPOSE_FILE} has no service '${name}'`);
  return found;
}

/**
 * A value as Compose gives it when the operator's environment sets nothing: `${X:-d}` and
 * `${X-d}` become d, `${X}` and `$X` nothing (`${X:?…}` would stop Compose), `$$` a dollar.
 */
function interpolate(text: string): string {
  return text.replace(/\$\$|\$\{(\w+)(?::?([-?])([^}]*))?\}|\$\w+/g, (match, _name, kind, rest) => {
    if (match === '$$') return '$';
    return kind === '-' ? (rest as string) : '';
  });
}

/** A service's environment as the container sees it, with either of Compose's two syntaxes. */
function environment(name: string): Record<string, string> {
  const given = written.services?.[name]?.environment;
  const entries = Array.isArray(given)
    ? given.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(given ?? {}).map(([key, value]) => [key, String(value ?? '')]);
  return Object.fromEntries(entries.map(([key = '', value = '']) => [key, interpolate(value)]));
}

function words(command: Service['command']): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

/** `--name value` pairs of a command line (a flag alone gets ''). */
function options(command: string[]): Map<string, string> {
  const found = new Map<string, string>();
  command.forEach((word, at) => {
    if (!word.startsWith('--')) return;
    const [name = '', inline] = word.split('=', 2);
    const next = command[at + 1];
    found.set(name, inline ?? (next && !next.startsWith('--') ? next : ''));
  });
  return found;
}

/** Every `--option` a usage text names. */
const usageOptions = (usage: string) => new Set(usage.match(/--[a-z][\w-]*/g));

/** The `keyspace <name>` that a command runs, or a description of what it runs instead. */
function keyspaceCommand(command: string[]): string {
  const [node, script, name] = command;
  const viaBin = node === 'node' && /^(\.\/|\/app\/)?bin\/keyspace\.js$/.test(script ?? '');
  return viaBin ? `keyspace ${name}` : command.join(' ');
}

function healthcheckText(of: Service): string {
  const test = of.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/** The container side of each published port. */
function containerPorts(of: Service): number[] {
  return (of.ports ?? []).map((port) =>
    typeof port === 'object'
      ? Number(port.target)
      : Number(String(port).split('/')[0]?.split(':').at(-1)),
  );
}

/** Compose's duration syntax (`1m30s`, `45s`, `500ms`) in seconds; NaN when it is not one. */
function seconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.map((part) => part[0]).join('') !== duration) return Number.NaN;
  const unit = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000_001 };
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u as keyof typeof unit], 0);
}

/** The Dockerfile a service builds from, resolved from the compose file's folder. */
function dockerfile(of: Service): string | undefined {
  if (of.build === undefined) return undefined;
  const build = typeof of.build === 'string' ? { context: of.build } : of.build;
  return join(REPOSITORY, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
}

/** The port the redis service listens on: `--port N` in its command, else Redis's 6379. */
function redisPort(): number {
  const port = options(words(service('redis').command)).get('--port');
  return port ? Number(port) : 6379;
}

describe(COMPOSE_FILE, () => {
  it('describes the services redis, app and worker', () => {
    const names = Object.keys(compose.services ?? {});
    const missing = ['redis', 'app', 'worker'].filter((name) => !names.includes(name));
    expect(missing, `services missing from ${COMPOSE_FILE} (it has ${names.join(', ')})`).toEqual(
      [],
    );
  });

  it("keeps Redis's append-only file on a named volume at /data", () => {
    const redis = service('redis');
    const command = words(redis.command);
    const appendonly = options(command).get('--appendonly');
    expect(appendonly, `redis's command must turn on --appendonly: ${command.join(' ')}`).toBe(
      'yes',
    );
    const volumes = (redis.volumes ?? []).map((volume) =>
      typeof volume === 'object'
        ? { source: volume.source ?? '', target: volume.target ?? '' }
        : { source: volume.split(':')[0] ?? '', target: volume.split(':')[1] ?? '' },
    );
    const data = volumes.find((volume) => volume.target === '/data');
    expect(data, `redis mounts nothing at /data: ${JSON.stringify(redis.volumes)}`).toBeDefined();
    expect(
      Object.keys(compose.volumes ?? {}),
      `redis's /data comes from '${data?.source}', which is not a named volume of ${COMPOSE_FILE}`,
    ).toContain(data?.source);
    expect(healthcheckText(redis), "redis's healthcheck must ask redis-cli for a ping").toMatch(
      /redis-cli.*\bping\b/,
    );
  });

  it.each(['app', 'worker'])('builds %s from a Dockerfile that installs redis-server', (name) => {
    const path = dockerfile(service(name));
    expect(path, `${name} has no build: it needs the image with redis-server`).toBeDefined();
    expect(existsSync(path ?? ''), `${name} builds from ${path}, which does not exist`).toBe(true);
    // One instruction per line, continuations joined, comments dropped; only the last stage
    // (the image that runs) counts.
    const instructions = readFileSync(path ?? '', 'utf8')
      .replace(/\\\n/g, ' ')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    const lastStage = instructions.findLastIndex((line) => /^\s*FROM\b/i.test(line));
    const installs = instructions
      .slice(Math.max(lastStage, 0))
      .filter((line) => /^\s*RUN\b.*\bapt-get install\b[^&;|]*\bredis-server\b/.test(line));
    expect(
      installs,
      `${path}'s last stage never runs apt-get install redis-server, which ${name}'s sandboxes need`,
    ).not.toEqual([]);
  });

  it.each([
    ['app', 'start'],
    ['worker', 'worker'],
  ] as const)('sets for %s only variables that keyspace %s reads', (name, command) => {
    const known = environmentOf(command);
    const unknown = Object.keys(environment(name)).filter((key) => !known.includes(key));
    expect(
      unknown,
      `${name} sets variables that keyspace ${command} does not read (grader/settings/settings.ts)`,
    ).toEqual([]);
  });

  it("grades through the queue, on the redis service's port", () => {
    const app = environment('app');
    const worker = environment('worker');
    expect(app.KEYSPACE_GRADING, 'app must set KEYSPACE_GRADING=queue').toBe('queue');
    expect(app.REDIS_URL, 'app sets no REDIS_URL').toBeTruthy();
    expect(worker.REDIS_URL, "the workers' REDIS_URL differs from the app's").toBe(app.REDIS_URL);
    const url = new URL(app.REDIS_URL ?? '');
    expect(url.hostname, `REDIS_URL ${app.REDIS_URL} does not name the redis service`).toBe(
      'redis',
    );
    expect(
      Number(url.port || 6379),
      `REDIS_URL ${app.REDIS_URL} names another port than redis listens on`,
    ).toBe(redisPort());
  });

  it('starts app and workers once Redis answers', () => {
    for (const name of ['app', 'worker']) {
      const dependsOn = service(name).depends_on;
      const condition = Array.isArray(dependsOn) ? undefined : dependsOn?.redis?.condition;
      expect(condition, `${name} must depend on redis with condition service_healthy`).toBe(
        'service_healthy',
      );
    }
  });

  it('runs keyspace start, with options it knows, on the port it publishes', () => {
    const app = service('app');
    const command = words(app.command);
    expect(keyspaceCommand(command), "app's command must be node bin/keyspace.js start").toBe(
      'keyspace start',
    );
    const given = options(command);
    const known = usageOptions(START_USAGE);
    const unknown = [...given.keys()].filter((option) => !known.has(option));
    expect(unknown, "app's command passes options that START_USAGE does not name").toEqual([]);

    const env = environment('app');
    const host = given.get('--host') || env.HOST;
    expect(host, 'app must listen on every interface (--host or HOST 0.0.0.0)').toBe('0.0.0.0');
    const portOption = given.get('--port');
    if (portOption && env.PORT) {
      expect(env.PORT, `PORT says ${env.PORT} but --port, which wins, says ${portOption}`).toBe(
        portOption,
      );
    }
    // As `keyspace start` takes it: --port, else PORT, else 3000.
    const port = Number(portOption || env.PORT || 3000);
    expect(
      containerPorts(app),
      `app listens on ${port}, but publishes container ports ${containerPorts(app).join(', ')}`,
    ).toContain(port);
    expect(
      healthcheckText(app),
      `app's healthcheck must ask http://127.0.0.1:${port}/readyz, where app listens`,
    ).toContain(`:${port}/readyz`);
  });

  it('runs keyspace worker, with options it knows, its metrics where its healthcheck looks', () => {
    const worker = service('worker');
    const command = words(worker.command);
    expect(keyspaceCommand(command), "worker's command must be node bin/keyspace.js worker").toBe(
      'keyspace worker',
    );
    const given = options(command);
    const known = usageOptions(WORKER_USAGE);
    const unknown = [...given.keys()].filter((option) => !known.has(option));
    expect(unknown, "worker's command passes options that WORKER_USAGE does not name").toEqual([]);
    const metricsPort = given.get('--metrics-port') || environment('worker').KEYSPACE_METRICS_PORT;
    const check = healthcheckText(worker);
    if (check) {
      expect(
        metricsPort,
        "worker's healthcheck has nothing to ask: it serves no /metrics port",
      ).toBeTruthy();
      expect(
        check,
        `worker's healthcheck must ask :${metricsPort}/metrics, the only thing a worker serves`,
      ).toContain(`:${metricsPort}/metrics`);
    }
  });

  it('runs at least two workers, each given time to finish its jobs on SIGTERM', () => {
    const worker = service('worker');
    const replicas = worker.deploy?.replicas ?? 1;
    expect(
      replicas,
      'worker.deploy.replicas: one worker is a single point of failure',
    ).toBeGreaterThanOrEqual(2);
    const grace = worker.stop_grace_period;
    expect(
      grace,
      'worker has no stop_grace_period: Docker kills it 10 s after SIGTERM',
    ).toBeTruthy();
    expect(
      seconds(grace ?? ''),
      `worker's stop_grace_period '${grace}' is no longer than Docker's default 10 s`,
    ).toBeGreaterThan(10);
  });

  it.each([
    ['app', 'start'],
    ['worker', 'worker'],
  ] as const)('gives %s settings that keyspace %s accepts', (name, command) => {
    // As the command reads them when it starts: its options, then its environment.
    const options = words(service(name).command).slice(3);
    expect(() => readSettings(command, options, environment(name))).not.toThrow();
  });
});
