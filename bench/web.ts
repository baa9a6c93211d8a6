// npm run bench:web — how soon the web app is usable in Chromium, printed as figures (never
// asserted: machines are noisy).
//
// It serves the course the way the e2e tests do (e2e/serve-course.ts: a production build of the
// web app into a temporary folder, so the figures are of the code as it is now, and a real
// grader), then opens pages in Debian's Chromium, each in a fresh browser context (empty cache):
//   initial JS     gzip bytes (zlib, level 9) of the JavaScript the course map loads, and the
//                  lesson page asks for before the editor's lazy chunk (code-editor-*.js);
//   editor JS      the same for what the lesson page loads from then on: Monaco, the editor's
//                  declarations (editor-types-*.js) and the workers;
//   lesson usable  navigation start to the lesson's h1 and its first Run button visible and
//                  enabled, in the page's own clock, to the frame;
//   editor ready   navigation start to a key pressed in Monaco showing in its text; the key is
//                  pressed as soon as the editor's lines are visible.
// BENCH_RUNS (default 5) sets the number of runs.
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser.ts';
import { serveCourse } from '../e2e/serve-course.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The chunk React.lazy loads for code-editor.tsx: everything requested after it is the editor's. */
const EDITOR_CHUNK = /\/code-editor-[^/]*\.js$/;
const TYPES_CHUNK = /\/editor-types-[^/]*\.js$/;

interface Marks {
  usable?: number;
  editorShown?: number;
}
interface LessonRun {
  initialJs: number;
  editorJs: number;
  typesJs: number;
  usable: number;
  editorReady: number;
}

/**
 * Installed in each page before its scripts: notes the frame in which each mark first holds. A
 * string, as tsx's keepNames would wrap a function's inner functions in a helper pages lack.
 */
const RECORD_MARKS = `{
  const marks = (window.benchMarks = {});
  const shown = (element) => element?.checkVisibility() === true;
  const tick = (now) => {
    if (marks.usable === undefined) {
      const run = [...document.querySelectorAll('button')].find((button) =>
        /^Run(\\s|$)/.test(button.textContent.trim()),
      );
      if (shown(document.querySelector('h1')) && shown(run) && !run.disabled) marks.usable = now;
    }
    if (marks.editorShown === undefined && shown(document.querySelector('.monaco-editor .view-lines')))
      marks.editorShown = now;
    if (marks.usable === undefined || marks.editorShown === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

const sum = async (sizes: Promise<number>[]) =>
  (await Promise.all(sizes)).reduce((a, b) => a + b, 0);

/** Runs `visit` in a page of its own context, so that nothing is cached from an earlier run. */
async function inFreshPage<T>(browser: Browser, visit: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    return await visit(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Each JavaScript file the page requests, sorted by whether it came before the editor's chunk. */
function watchScripts(page: Page) {
  const before: Promise<number>[] = [];
  const after: Promise<number>[] = [];
  const types: Promise<number>[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!new URL(url).pathname.endsWith('.js')) return;
    const size = request
      .response()
      .then(async (response) =>
        response ? gzipSync(await response.body(), { level: 9 }).length : 0,
      );
    if (EDITOR_CHUNK.test(url) || after.length > 0) after.push(size);
    else before.push(size);
    if (TYPES_CHUNK.test(url)) types.push(size);
  });
  return { before, after, types };
}

async function courseMapJs(browser: Browser, url: string): Promise<number> {
  return inFreshPage(browser, async (page) => {
    const scripts = watchScripts(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    return sum([...scripts.before, ...scripts.after]);
  });
}

async function lessonPage(browser: Browser, url: string): Promise<LessonRun> {
  return inFreshPage(browser, async (page) => {
    await page.addInitScript({ content: RECORD_MARKS });
    const scripts = watchScripts(page);
    await page.goto(url, { waitUntil: 'commit' });
    const mark = async (name: keyof Marks) =>
      (await (
        await page.waitForFunction(
          (key) => (window as unknown as { benchMarks: Marks }).benchMarks[key],
          name,
        )
      ).jsonValue()) as number;

    await mark('editorShown');
    const lines = page.locator('.monaco-editor .view-lines').first();
    const text = await lines.textContent();
    await lines.click();
    await page.keyboard.press('x');
    const editorReady = (await (
      await page.waitForFunction(
        (before) =>
          document.querySelector('.monaco-editor .view-lines')?.textContent !== before &&
          performance.now(),
        text,
        { polling: 'raf' },
      )
    ).jsonValue()) as number;
    const usable = await mark('usable');
    await page.waitForLoadState('networkidle');
    return {
      initialJs: await sum(scripts.before),
      editorJs: await sum(scripts.after),
      typesJs: await sum(scripts.types),
      usable,
      editorReady,
    };
  });
}

/** The median and the largest: for every figure here, more is worse. */
function medianAndWorst(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, sorted.at(-1) ?? Number.NaN];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (millis: number) => `${Math.round(millis)} ms`;
function row(name: string, values: number[], format: (n: number) => string, target = '') {
  const [median, worst] = medianAndWorst(values);
  const figures = `${format(median).padStart(10)}  ${format(worst).padStart(10)}`;
  return `  ${name.padEnd(24)}${figures}   ${target}`;
}

const course = await serveCourse();
const browser = await launchChromium();
try {
  const { lessons } = (await (await fetch(`${course.url}/api/course`)).json()) as {
    lessons: { id: string; exercises: string[] }[];
  };
  const lesson = lessons.find(({ exercises }) => exercises.length > 0);
  if (!lesson) throw new Error('the course has no lesson with an exercise: nothing to measure');
  const mapJs: number[] = [];
  const runs: LessonRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    mapJs.push(await courseMapJs(browser, `${course.url}/`));
    runs.push(await lessonPage(browser, `${course.url}/lessons/${lesson.id}`));
  }
  const of = (key: keyof LessonRun) => runs.map((figures) => figures[key]);
  console.log(`Web app in Chromium, lesson ${lesson.id}, ${RUNS} runs with an empty cache`);
  console.log(`  ${''.padEnd(24)}${'median'.padStart(10)}  ${'worst'.padStart(10)}   target`);
  console.log(row('initial JS, course map', mapJs, kb, '≤ 250 KB gzip'));
  console.log(row('initial JS, lesson page', of('initialJs'), kb, '≤ 250 KB gzip'));
  console.log(row('editor JS (lazy)', of('editorJs'), kb, 'gzip, workers included'));
  console.log(row('  of which its types', of('typesJs'), kb, 'gzip'));
  console.log(row('lesson usable', of('usable'), ms, '≤ 1000 ms'));
  console.log(row('editor ready', of('editorReady'), ms, '≤ 2000 ms'));
} finally {
  await browser.close();
  await course.stop();
}
