import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnerClient } from '../server/test/learner-client.ts';
import { launchChromium, openPage } from './browser.ts';
import { serveCourse } from './serve-course.ts';
import { inBothThemes, SCREENSHOTS } from './themes.ts';

const TOKEN = 'an instructor token for the browser test';
const code = (file: string) =>
  readFile(new URL(`../exercises/set-and-get/${file}`, import.meta.url), 'utf8');

describe('the instructor view in the browser', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    [course, browser] = await Promise.all([
      serveCourse({ instructorToken: TOKEN }),
      launchChromium(),
    ]);
    // One learner passes set-and-get at once; five submit a value in the wrong case, and stop.
    const [solution, capitalS] = await Promise.all([
      code('solution.ts'),
      code('wrong/capital-s.ts'),
    ]);
    await Promise.all(
      [solution, capitalS, capitalS, capitalS, capitalS, capitalS].map(async (source) => {
        const learner = new LearnerClient(course.url);
        await learner.json(learner.post('/api/exercises/set-and-get/submissions', { source }));
      }),
    );
    page = await openPage(browser, { colorScheme: 'light', acceptDownloads: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  const tokenField = () => page.getByLabel('Instructor token');
  const row = (exercise: string) => page.locator(`tr[data-exercise="${exercise}"]`);

  it('asks for the token, and says so when it is not the one', async () => {
    await page.goto(`${course.url}/instructor`);
    await inBothThemes(page, 'instructor-token-form');
    await tokenField().fill('not the token');
    await page.getByRole('button', { name: 'Open the view' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^That is not the instructor token/);
    expect(await tokenField().inputValue()).toBe('');
  });

  it("shows each exercise's numbers with the right token, and keeps it over a reload", async () => {
    await tokenField().fill(TOKEN);
    await page.getByRole('button', { name: 'Open the view' }).click();
    await row('set-and-get').waitFor();
    const cells = async () => row('set-and-get').locator('th, td').allTextContents();
    expect(await cells()).toEqual([
      'Store the weatherNeeds attention: only 1 of 6 learners passed',
      'SET and GET',
      '6',
      '1',
      '17%',
      '1 / 1',
      '6',
      'weather holds the string sunny after main, whatever it held before (5 submissions, 83%)',
    ]);
    expect(await row('leaderboard').locator('td').allTextContents()).toEqual([
      'Sets and sorted sets',
      '0',
      '0',
      '—',
      '—',
      '0',
      '—',
    ]);
    await page.reload();
    await row('set-and-get').waitFor();
    expect(await tokenField().count()).toBe(0);
    await inBothThemes(page, 'instructor-stats');
  });

  it('downloads the same rows as a CSV file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('keyspace-exercise-stats.csv');
    const lines = (await readFile(await download.path(), 'utf8')).split('\r\n');
    expect(lines[0]).toMatch(/^"exercise","title","lesson","attempted","passed"/);
    expect(lines.find((line) => line.startsWith('"set-and-get"'))).toBe(
      '"set-and-get","Store the weather","SET and GET","6","1","0.167","1","1","6","weather holds the string sunny after main, whatever it held before","5","0.833","only 1 of 6 learners passed"',
    );
  });

  it('forgets the token when asked', async () => {
    await page.getByRole('button', { name: 'Forget the token' }).click();
    await tokenField().waitFor();
    expect(
      await page.evaluate(() => sessionStorage.getItem('keyspace.instructor-token')),
    ).toBeNull();
  });
});
