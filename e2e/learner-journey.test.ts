import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveCourse } from './serve-course.ts';

const exerciseFile = (name: string) =>
  readFileSync(new URL(`../exercises/set-and-get/${name}`, import.meta.url), 'utf8');
/** An exercise on its lesson page, which may have other exercises too. */
const panel = (page: Page, id = 'set-and-get') =>
  page.locator(`section[aria-labelledby="exercise-${id}"]`);
const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

/**
 * Replaces the editor's text the way a learner would: select all, paste over it. (Typing would
 * let Monaco auto-close brackets and indent, changing the code.)
 */
async function replaceCode(page: Page, code: string, exercise = 'set-and-get') {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await panel(page, exercise).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect
    .poll(() => panel(page, exercise).locator('.monaco-editor .view-lines').textContent())
    .toBe(code.replace(/\n/g, '').replace(/ /g, '\u00a0'));
}

describe('a learner in the browser', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [course, browser] = await Promise.all([serveCourse(), launchChromium()]);
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  it('opens the course and finds the lesson', async () => {
    await page.goto(course.url);
    const lesson = page.getByRole('link', { name: /SET and GET/ });
    await lesson.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}course.png` });
    await lesson.click();
    await page.getByRole('heading', { level: 1, name: 'SET and GET' }).waitFor();
    expect(await page.locator('.prose h2').first().textContent()).toBe('What you will learn');
  });

  it("runs a lesson's block in the learner's own Redis and shows the replies beneath it", async () => {
    const block = page.locator('.runnable-redis').first();
    await block.getByRole('button', { name: /Run/ }).click();
    await expect
      .poll(() => block.locator('.block-reply').textContent())
      .toBe('OK\n"sunny"\n(nil)\n');
  });

  it('answers at the console as redis-cli would, keeping the keys the block wrote', async () => {
    const prompt = page.getByRole('textbox', { name: 'Redis command' });
    await prompt.fill('GET weather');
    await prompt.press('Enter');
    const log = page.getByRole('log');
    await expect.poll(() => log.locator('.console-reply').last().textContent()).toBe('"sunny"\n');
    await prompt.fill('CONFIG SET maxmemory 1');
    await prompt.press('Enter');
    await expect
      .poll(() => log.locator('.console-entry').last().locator('.reply-error').textContent())
      .toMatch(/^\(error\) NOPERM/);
    expect(await log.locator('.console-note').last().textContent()).toMatch(
      /administrative commands/,
    );
    await prompt.press('ArrowUp');
    expect(await prompt.inputValue()).toBe('CONFIG SET maxmemory 1');
    await page.screenshot({ path: `${SCREENSHOTS}lesson-console.png`, fullPage: true });
  });

  it('shows the exercise in Monaco, holding the starter code', async () => {
    await panel(page).locator('.monaco-editor .view-lines').waitFor();
    const text = await panel(page).locator('.monaco-editor .view-lines').textContent();
    expect(text?.replace(/\s+/g, ' ')).toContain(
      "// TODO: store the string 'sunny' under the key 'weather'.",
    );
  });

  it('grades a correct solution: every check passes', async () => {
    await replaceCode(page, exerciseFile('solution.ts'));
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent())
      .toMatch(/All checks passed/);
    const checks = panel(page).locator('.check');
    expect(await checks.count()).toBe(4);
    expect(await panel(page).locator('.check[data-status="pass"]').count()).toBe(4);
    await page.screenshot({ path: `${SCREENSHOTS}lesson-passed.png`, fullPage: true });
  });

  it('grades the starter: the checks fail, with expected and actual shown', async () => {
    await replaceCode(page, exerciseFile('starter.ts'));
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent())
      .toMatch(/0 of 4 checks passed/);
    expect(await panel(page).locator('.check[data-status="fail"]').count()).toBe(4);
    const failure = panel(page).locator('.check[data-status="fail"]', {
      hasText: 'weather holds the value sunny',
    });
    expect(await failure.locator('.check-message').textContent()).toBe(
      "GET weather: expected 'sunny', got null",
    );
    expect(await failure.locator('.expected-actual dd').allTextContents()).toEqual([
      "'sunny'",
      'null',
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}lesson-failed.png`, fullPage: true });
  });

  it('shows learner output as text, never as markup', async () => {
    await replaceCode(
      page,
      'export async function main() {\nconsole.log(\'<img src=x onerror="document.title=1"><b>bold</b>\');\nreturn null;\n}\n',
    );
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).locator('.check-output').first().textContent())
      .toContain('<b>bold</b>');
    expect(await panel(page).locator('.grade-report img, .grade-report b').count()).toBe(0);
  });

  it("runs code once in the learner's Redis, and shows the image it stored in the key browser", async () => {
    await page.goto(`${course.url}/lessons/storing-images`);
    await replaceCode(
      page,
      "import { readFile } from 'node:fs/promises';\nexport async function storeImage(redis, id, file) { await redis.set('image:' + id, await readFile(file)); }\nexport async function loadImage(redis, id) { return redis.getBuffer('image:' + id); }\n",
      'store-image',
    );
    await panel(page, 'store-image').getByRole('button', { name: /^Run/ }).click();
    await expect
      .poll(() => panel(page, 'store-image').getByTestId('run-status').textContent())
      .toMatch(/^Ran/);
    const image = page.getByRole('img', { name: 'Stored under image:7' });
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
    await page.getByRole('heading', { name: 'Keys in your Redis' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}key-browser-image.png` });
  });
});
