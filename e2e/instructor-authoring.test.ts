import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './accessibility.ts';
import { launchChromium, openPage } from './browser.ts';
import { panel, replaceCode } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';

const BIN = new URL('../bin/keyspace.js', import.meta.url).pathname;
const TINY_COURSE = new URL('../grader/test/tiny-course/', import.meta.url).pathname;
const EXERCISE = 'tally-words';
const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

/** `keyspace <argv>` as an instructor types it, with its exit code and what it printed. */
async function keyspace(...argv: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  return { code: code as number | null, output };
}

/**
 * An instructor adds an exercise to a course of their own: scaffolds it, previews it in the
 * browser while editing its files, and lets `keyspace verify` find the check they broke.
 */
describe('an instructor authoring an exercise', () => {
  let courseDir: string;
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;
  const file = (name: string) => join(courseDir, 'exercises', EXERCISE, name);
  const edit = async (name: string, change: (text: string) => string) => {
    const text = await readFile(file(name), 'utf8');
    const changed = change(text);
    expect(changed, `the edit of ${name} changes it`).not.toBe(text);
    await writeFile(file(name), changed);
  };
  const banner = () => page.getByRole('region', { name: 'Live preview' });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-authoring-'));
    await cp(TINY_COURSE, courseDir, { recursive: true });
    const made = await keyspace(
      'new',
      'exercise',
      EXERCISE,
      '--lesson',
      'counting',
      '--course',
      courseDir,
    );
    expect(made.code, made.output).toBe(0);

    [course, browser] = await Promise.all([
      serveCourse({ courseDir, watch: true }),
      launchChromium(),
    ]);
    page = await openPage(browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
    if (courseDir) await rm(courseDir, { recursive: true, force: true });
  });

  it('sees the scaffolded exercise in its lesson, and the preview watching', async () => {
    await page.goto(`${course.url}/lessons/counting`);
    await expect
      .poll(() => panel(page, EXERCISE).getByRole('heading', { level: 2 }).textContent())
      .toBe('Exercise: Tally words');
    await expect.poll(() => banner().getByRole('status').textContent()).toMatch(/Live preview/);
    expect(await banner().getByRole('alert').count()).toBe(0);
  });

  it('sees a saved statement in the open page, without reloading it', async () => {
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await edit('exercise.md', (text) =>
      text
        .replace('title: Tally words', 'title: Remember a word for a while')
        .replace(/^> A placeholder[\s\S]*?\n\n/m, 'Words are kept for as long as you say.\n\n'),
    );
    await expect
      .poll(() => panel(page, EXERCISE).getByRole('heading', { level: 2 }).textContent())
      .toBe('Exercise: Remember a word for a while');
    expect(await panel(page, EXERCISE).textContent()).toContain('Words are kept for as long');
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
  });

  it('sees Submit grade with the checks as just saved', async () => {
    await edit('checks.ts', (text) =>
      text.replace(
        "name: 'the key holds the value given',",
        "name: 'the word is kept under the key given',",
      ),
    );
    await replaceCode(page, await readFile(file('solution.ts'), 'utf8'), EXERCISE);
    await expect
      .poll(
        async () => {
          await panel(page, EXERCISE).getByRole('button', { name: 'Submit' }).click();
          await expect
            .poll(() => panel(page, EXERCISE).getByTestId('grade-status').textContent())
            .toMatch(/checks passed/);
          return panel(page, EXERCISE).locator('.check').first().textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('the word is kept under the key given');
  });

  it('sees a broken file named with its line in the page, which goes on working, until it is fixed', async () => {
    await edit('exercise.md', (text) => text.replace(/^title: .*$/m, 'title:\n  - not a title'));
    const alert = banner().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(`exercises/${EXERCISE}/exercise.md:2`);
    expect(await alert.textContent()).toMatch(/title: .*expected string/);
    // What the page showed stays, and works.
    expect(await panel(page, EXERCISE).getByRole('button', { name: 'Submit' }).isEnabled()).toBe(
      true,
    );
    expect(await seriousViolations(page)).toEqual([]);
    // Scrolled down a long lesson (this one is short: made long here), past where the bar sits in
    // the page: it is in view all the same, and the exercises' column starts below it.
    await page.evaluate(() => {
      const filler = document.createElement('div');
      filler.id = 'long-lesson';
      filler.style.height = '3000px';
      document.querySelector('article.lesson')?.append(filler);
      scrollTo(0, 1500);
    });
    const placed = await page.evaluate(() => {
      const box = (selector: string) =>
        document.querySelector(selector)?.getBoundingClientRect() ?? new DOMRect(Number.NaN);
      const [header, bar, exercises] = ['.site-header', '.preview-banner', '.exercises'].map(box);
      return {
        pastTheBar: (header?.bottom ?? Number.NaN) + (bar?.height ?? Number.NaN) < 0,
        barTop: bar?.top,
        exercisesBelowBar: (exercises?.top ?? Number.NaN) >= (bar?.bottom ?? Number.NaN) - 1,
      };
    });
    expect(placed).toEqual({ pastTheBar: true, barTop: 0, exercisesBelowBar: true });
    expect(await alert.isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}preview-problem.png` });
    await page.evaluate(() => document.getElementById('long-lesson')?.remove());

    // Reloaded, the exercise cannot load: it shows the preview's bar, file and line, in its place.
    await page.reload();
    const inPlace = page.getByRole('region', { name: 'Broken course file' });
    await expect
      .poll(() => inPlace.getByRole('alert').textContent())
      .toContain(`exercises/${EXERCISE}/exercise.md:2`);
    expect(await inPlace.textContent()).toMatch(/title: .*expected string/);
    expect(await seriousViolations(page)).toEqual([]);

    await edit('exercise.md', (text) =>
      text.replace('title:\n  - not a title', 'title: Remember a word for a while'),
    );
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('gets the file and line of a broken check from keyspace verify', async () => {
    await edit('checks.ts', (text) =>
      text.replace(
        'const ttl = await redis.ttl(key);',
        'const ttl = await redis.ttl(key.missing.id);',
      ),
    );
    const lines = (await readFile(file('checks.ts'), 'utf8')).split('\n');
    const broken = lines.findIndex((line) => line.includes('key.missing.id')) + 1;

    const { code, output } = await keyspace('verify', '--course', courseDir);
    expect(code, output).toBe(3);
    expect(output).toContain(
      `exercises/${EXERCISE}/checks.ts:${broken}: the check "the key expires after the seconds given" throws:`,
    );
  });
});
