// npm run bench:web — how soon the web app is usable in Chromium and what it downloads, printed as
// figures (never asserted: machines are noisy).
//
// It serves the course as `npm start` does (web/dist built from the sources as they are now, then
// `keyspace start` in a process of its own, so that the server's event loop is not the one
// driving Chromium), then, in each run, opens in Debian's Chromium, each in a fresh browser
// context (an empty cache): the course map; a lesson page with an exercise (BENCH_LESSON, else the
// course's first), then the same page again in the same context (a repeat visit: Chromium's HTTP
// cache holds what the first one fetched); and that lesson page again in a fresh context, with
// Chromium's network throttled to SLOW_NETWORK.
//   sent           bytes that crossed the network: each body as the server sent it (brotli or
//                  gzip), read from Chromium's Resource Timing; headers left out;
//   initial JS     the scripts index.html names; lazy JS: every other script the page ran
//                  (the editor: Monaco, its declarations, its workers);
//   lesson usable  navigation start to the lesson's h1 and its first Run button visible and
//                  enabled, in the page's own clock, to the frame;
//   code typeable  navigation start to a key pressed in the exercise's code showing in it: in the
//                  plain editor that holds the code until Monaco is here (or in Monaco, if it
//                  came first), pressed as soon as the code is visible; in a page of its own;
//   editor ready   navigation start to a key pressed in Monaco showing in its text, pressed as
//                  soon as Monaco's lines are visible: the full editor (completion, types);
//   first `redis.` completion  once the page settled, from the `.` of a `redis.` typed in the
//                  starter's code to the first suggestion drawn (TypeScript's service answering);
//   hashed-asset requests  files under /assets/ (named by a hash of their content, so cached for
//                  good) that the repeat visit asked the server for, a revalidation included.
// BENCH_RUNS (default 5) sets the number of runs.
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.ts';
import { DEFAULT_MAX_CONSOLES } from '../grader/console/console-capacity.ts';
import { Started, startInline } from './load/deployment.ts';
import { loadAtEnd, machineLine } from './machine.ts';
import { SLOW_NETWORK, throttle } from './web/network-profiles.ts';
import {
  codeTypeable,
  editorReady,
  firstCompletion,
  lessonUsable,
  recordMarks,
} from './web/page-marks.ts';
import { sent, settle, type Transfer, transfers } from './web/transfers.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TYPES_CHUNK = /^\/assets\/editor-types-[^/]*\.js$/;
const HASHED = /^\/assets\//;
const isScript = ({ path }: Transfer) => path.endsWith('.js');

interface Run {
  mapJs: number;
  mapAll: number;
  initialJs: number;
  lazyJs: number;
  typesJs: number;
  lessonAll: number;
  usable: number;
  typeable: number;
  editorReady: number;
  completion: number;
  repeatRequests: number;
  repeatEditorReady: number;
  slowUsable: number;
  slowTypeable: number;
  slowEditorReady: number;
}

/** The scripts index.html loads by itself: its entry and the modules it preloads. */
async function initialScripts(url: string): Promise<Set<string>> {
  const html = await (await fetch(url)).text();
  const named = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g),
  ];
  return new Set(named.map(([, path = '']) => new URL(path, url).pathname));
}

/** Runs `visit` in a page of its own context, so that nothing is cached from an earlier visit. */
async function inFreshPage<T>(browser: Browser, visit: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // A throttled page under a loaded machine takes its time.
  context.setDefaultTimeout(120_000);
  try {
    return await visit(await context.newPage());
  } finally {
    await context.close();
  }
}

async function courseMap(browser: Browser, url: string) {
  return inFreshPage(browser, async (page) => {
    await page.goto(url);
    await settle(page);
    const received = await transfers(page);
    return { mapJs: sent(received, isScript), mapAll: sent(received) };
  });
}

async function lessonTwice(browser: Browser, url: string, initial: Set<string>) {
  return inFreshPage(browser, async (page) => {
    await recordMarks(page);
    await page.goto(url, { waitUntil: 'commit' });
    const ready = await editorReady(page);
    const usable = await lessonUsable(page);
    await settle(page);
    const first = await transfers(page);
    const completion = await firstCompletion(page);

    await page.goto(url, { waitUntil: 'commit' });
    const repeatEditorReady = await editorReady(page);
    await settle(page);
    const again = await transfers(page);
    return {
      initialJs: sent(first, (t) => isScript(t) && initial.has(t.path)),
      lazyJs: sent(first, (t) => isScript(t) && !initial.has(t.path)),
      typesJs: sent(first, (t) => TYPES_CHUNK.test(t.path)),
      lessonAll: sent(first),
      usable,
      editorReady: ready,
      completion,
      repeatRequests: again.filter((t) => HASHED.test(t.path) && !t.cached).length,
      repeatEditorReady,
    };
  });
}

async function slowLesson(browser: Browser, url: string) {
  return inFreshPage(browser, async (page) => {
    await throttle(page, SLOW_NETWORK);
    await recordMarks(page);
    await page.goto(url, { waitUntil: 'commit' });
    const slowEditorReady = await editorReady(page);
    return { slowUsable: await lessonUsable(page), slowEditorReady };
  });
}

/** Code typeable, in a page of its own: a key pressed in it would hold Monaco's back. */
async function typeable(browser: Browser, url: string, slow: boolean) {
  return inFreshPage(browser, async (page) => {
    if (slow) await throttle(page, SLOW_NETWORK);
    await recordMarks(page);
    await page.goto(url, { waitUntil: 'commit' });
    return codeTypeable(page);
  });
}

/** The median and the largest: for every figure here, more is worse. */
function medianAndWorst(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, sorted.at(-1) ?? Number.NaN];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (millis: number) => `${Math.round(millis)} ms`;
const count = (n: number) => `${n}`;

console.log(machineLine());
execFileSync(process.execPath, [new URL('../bin/build-web.js', import.meta.url).pathname], {
  stdio: 'inherit',
});
const started = new Started();
try {
  const course = await startInline(started, DEFAULT_MAX_CONSOLES);
  const browser = await launchChromium();
  try {
    await measure(browser, course.url);
  } finally {
    await browser.close();
  }
} finally {
  await started.stopAll();
}
console.log(loadAtEnd());

/** Opens the pages RUNS times and prints the figures. */
async function measure(browser: Browser, url: string) {
  const { lessons } = (await (await fetch(`${url}/api/course`)).json()) as {
    lessons: { id: string; exercises: string[] }[];
  };
  const withExercise = lessons.filter(({ exercises }) => exercises.length > 0);
  const chosen = process.env.BENCH_LESSON;
  const lesson = chosen ? withExercise.find(({ id }) => id === chosen) : withExercise[0];
  if (!lesson) {
    const those = withExercise.map(({ id }) => id).join(', ') || 'none';
    throw new Error(
      `BENCH_LESSON=${chosen ?? ''}: no such lesson with an exercise (those: ${those})`,
    );
  }
  const lessonUrl = `${url}/lessons/${lesson.id}`;
  const initial = await initialScripts(`${url}/`);
  const runs: Run[] = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push({
      ...(await courseMap(browser, `${url}/`)),
      ...(await lessonTwice(browser, lessonUrl, initial)),
      ...(await slowLesson(browser, lessonUrl)),
      typeable: await typeable(browser, lessonUrl, false),
      slowTypeable: await typeable(browser, lessonUrl, true),
    });
  }

  const row = (name: string, key: keyof Run, format: (n: number) => string, target = '') => {
    const [median, worst] = medianAndWorst(runs.map((figures) => figures[key]));
    console.log(
      `  ${name.padEnd(36)}${format(median).padStart(10)}  ${format(worst).padStart(10)}   ${target}`,
    );
  };
  console.log(`Web app in Chromium, lesson ${lesson.id}, ${RUNS} runs`);
  console.log(`  ${''.padEnd(36)}${'median'.padStart(10)}  ${'worst'.padStart(10)}   target`);
  console.log('Sent, with an empty cache (bodies as served, brotli)');
  row('JS, course map', 'mapJs', kb, '≤ 250 KB');
  row('everything, course map', 'mapAll', kb);
  row('initial JS, lesson page', 'initialJs', kb, '≤ 250 KB');
  row('lazy JS, lesson page (the editor)', 'lazyJs', kb, 'workers included');
  row('  of which its types', 'typesJs', kb);
  row('everything, lesson page', 'lessonAll', kb);
  console.log('Loopback network, empty cache');
  row('lesson usable', 'usable', ms, '≤ 1000 ms');
  row('code typeable', 'typeable', ms, '≤ 2000 ms');
  row('editor ready (Monaco)', 'editorReady', ms, '≤ 2000 ms');
  row('first `redis.` completion', 'completion', ms);
  console.log('Repeat visit (same browser context: its HTTP cache)');
  row('hashed-asset requests', 'repeatRequests', count, '0');
  row('editor ready', 'repeatEditorReady', ms);
  console.log(`Slow network (${SLOW_NETWORK.name}), empty cache`);
  row('lesson usable', 'slowUsable', ms);
  row('code typeable', 'slowTypeable', ms, '≤ 10000 ms');
  row('editor ready (Monaco)', 'slowEditorReady', ms, '≤ 10000 ms');
}
