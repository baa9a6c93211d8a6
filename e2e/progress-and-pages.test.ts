import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnerClient } from '../server/test/learner-client.ts';
import { allViolations } from './accessibility.ts';
import { launchChromium, openPage } from './browser.ts';
import { panel } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';
import { inBothThemes, SCREENSHOTS } from './themes.ts';

const TOKEN = 'an instructor token for the pages test';
const EXERCISES = readdirSync(new URL('../exercises/', import.meta.url)).length;
const LESSONS = readdirSync(new URL('../lessons/', import.meta.url)).filter((name) =>
  name.endsWith('.md'),
).length;
const solution = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);

const passedOf = (page: Page) => page.locator('label[for="course-progress"]').textContent();
const theme = (page: Page) => page.locator('html').getAttribute('data-theme');

describe('progress across devices, the finish page, phones and accessibility', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [course, browser] = await Promise.all([
      serveCourse({ instructorToken: TOKEN }),
      launchChromium(),
    ]);
    page = await openPage(browser, { colorScheme: 'light' });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  it('offers light, dark and the system theme, and goes back to following the system', async () => {
    await page.goto(course.url);
    await page.getByRole('link', { name: /SET and GET/ }).waitFor();
    const pressed = (name: string) =>
      page.getByRole('button', { name: `${name} theme` }).getAttribute('aria-pressed');
    expect(await pressed('System')).toBe('true');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect([await theme(page), await pressed('Dark'), await pressed('System')]).toEqual([
      'dark',
      'true',
      'false',
    ]);
    await page.getByRole('button', { name: 'System theme' }).click();
    await expect.poll(() => theme(page)).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    expect(await page.evaluate(() => localStorage.getItem('keyspace.theme'))).toBeNull();
  });

  it('draws its icon from the page itself, asking the server for no /favicon.ico', async () => {
    const fresh = await openPage(browser);
    // Chromium's own requests, as it sends them: Playwright leaves the icon's out of its events.
    const cdp = await fresh.context().newCDPSession(fresh);
    const asked: string[] = [];
    cdp.on('Network.requestWillBeSent', ({ request }) => asked.push(request.url));
    await cdp.send('Network.enable');
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      await panel(fresh)
        .getByRole('button', { name: /^Submit/ })
        .waitFor();
      // Chromium asks for the icon once the page has loaded.
      await fresh.waitForLoadState('load');
      await fresh.waitForTimeout(500);
      expect(asked.filter((path) => path.includes('favicon'))).toEqual([]);
      expect(await fresh.locator('link[rel="icon"]').getAttribute('href')).toMatch(
        /^data:image\/svg\+xml,/,
      );
    } finally {
      await fresh.context().close();
    }
  });

  it('has no axe-core violation of any impact on the course map, in both themes', async () => {
    await inBothThemes(page, 'all-rules-course-map', { violations: allViolations });
  });

  it('has none on a lesson page with a failed submission and a Run open, in both themes', async () => {
    await page.getByRole('link', { name: /SET and GET/ }).click();
    await panel(page).locator('.monaco-editor .view-lines').waitFor();
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent())
      .toMatch(/checks passed/);
    const other = panel(page, 'page-views');
    await other.locator('.monaco-editor .view-lines').waitFor();
    await other.getByRole('button', { name: /^Run/ }).click();
    await other.getByTestId('run-status').waitFor();
    expect(await panel(page).locator('.check[data-status="fail"]').count()).toBeGreaterThan(0);
    await inBothThemes(page, 'all-rules-lesson-reports', { violations: allViolations });
    // On a wide screen the exercise is beside the lesson: no link to it, and the shortcuts shown.
    expect(await page.locator('.to-exercise').isVisible()).toBe(false);
    expect(await panel(page).locator('.shortcuts').isVisible()).toBe(true);
  }, 90_000);

  it('takes a phone from the top of a lesson to its exercise, without keyboard advice', async () => {
    const phone = await openPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    });
    try {
      await phone.goto(`${course.url}/lessons/set-and-get`);
      const link = phone.getByRole('link', { name: 'Go to the exercises ↓' });
      await link.waitFor();
      const box = await link.boundingBox();
      expect(box && box.y + box.height).toBeLessThan(844);
      await panel(phone).locator('.monaco-editor .view-lines').waitFor();
      await link.tap();
      await expect
        .poll(() =>
          phone.evaluate(() => {
            const top = document.querySelector('#exercises')?.getBoundingClientRect().top ?? -1;
            // Within a pixel of the top: the jump lands on a fraction of one.
            return top > -1 && top < window.innerHeight / 2;
          }),
        )
        .toBe(true);
      expect(await panel(phone).getByRole('button', { name: 'Submit' }).isVisible()).toBe(true);
      expect(await panel(phone).locator('.shortcuts').isVisible()).toBe(false);
      await phone.screenshot({ path: `${SCREENSHOTS}lesson-phone-exercise.png` });
    } finally {
      await phone.context().close();
    }
  }, 60_000);

  it('sums up what the learner did on the finish page, and what is left', async () => {
    await panel(page).getByRole('button', { name: 'Reset to starter' }).waitFor();
    // The pass itself, as the page would send it: the editor is not what this test is about.
    await page.evaluate(
      (source) =>
        fetch('/api/exercises/set-and-get/submissions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ source }),
        }),
      solution,
    );
    await page.goto(`${course.url}/finish`);
    await page.getByRole('heading', { level: 1, name: 'Your course so far' }).waitFor();
    const numbers = await page.locator('.finish-numbers > div').allTextContents();
    expect(numbers).toEqual([
      `Exercises passed1 of ${EXERCISES}`,
      'Submissions2',
      `Lessons read1 of ${LESSONS}`,
      'Hints revealed0',
    ]);
    await expect
      .poll(() => page.locator('.command-list code').allTextContents())
      .toEqual(['GET', 'SET']);
    const left = page.getByRole('region', { name: 'What is left' });
    expect(await left.getByRole('listitem').first().textContent()).toBe(
      '1. Key-value databases — not read yet, 1 exercise to pass',
    );
    expect(await left.getByText(/SET and GET — 1 exercise to pass/).count()).toBe(1);
    await inBothThemes(page, 'all-rules-finish', { violations: allViolations });
    await page.getByRole('link', { name: 'Back to the course map' }).click();
    await page.getByRole('link', { name: 'Your summary so far, and what is left' }).waitFor();
  });

  it('carries the progress to another browser with a recovery code, until signed out', async () => {
    await page.getByRole('button', { name: 'Make a recovery code' }).click();
    const shown = page.locator('.recovery-code');
    await shown.waitFor();
    const code = (await shown.textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await page.getByRole('button', { name: 'Copy the recovery code' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    const other = await openPage(browser, { colorScheme: 'light' });
    try {
      await other.goto(course.url);
      await expect.poll(() => passedOf(other)).toBe(`0 of ${EXERCISES} exercises passed`);
      const field = other.getByLabel('Recovery code');
      await field.fill('0000 0000 0000 0000 0000 0000 0000 0000');
      await other.getByRole('button', { name: 'Continue with this code' }).click();
      await expect
        .poll(() => other.getByRole('alert').textContent())
        .toMatch(/^That code did not work: no progress has this recovery code/);
      // Typed by hand: lower case, spaces for dashes.
      await field.fill(code.toLowerCase().replace(/-/g, ' '));
      await other.getByRole('button', { name: 'Continue with this code' }).click();
      await expect.poll(() => passedOf(other)).toBe(`1 of ${EXERCISES} exercises passed`);

      await page.getByRole('button', { name: 'Sign out other browsers' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /recovery code no longer works/ })
        .waitFor();
      await other.reload();
      await expect.poll(() => passedOf(other)).toBe(`0 of ${EXERCISES} exercises passed`);
      const ended = new LearnerClient(`${course.url}/api`);
      expect((await ended.post('/session/recover', { code })).status).toBe(404);
    } finally {
      await other.context().close();
    }
  });

  it('has no violation of any impact on the instructor page, in both themes', async () => {
    await page.goto(`${course.url}/instructor`);
    await page.getByLabel('Instructor token').fill(TOKEN);
    await page.getByRole('button', { name: 'Open the view' }).click();
    await page.locator('tr[data-exercise="set-and-get"]').waitFor();
    await inBothThemes(page, 'all-rules-instructor', { violations: allViolations });
  });
});
