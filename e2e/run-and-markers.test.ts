import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './accessibility.ts';
import { launchChromium, openPage } from './browser.ts';
import { panel } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';
import { inBothThemes } from './themes.ts';

const EXERCISE = 'cache-aside';
const SOLUTION = readFileSync(
  new URL(`../exercises/${EXERCISE}/solution.ts`, import.meta.url),
  'utf8',
);
/** Line 4 does not type-check; line 5 throws when called. */
const TYPE_ERROR_AND_THROW = `import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const tries: number = 'many';
  throw new Error(\`no forecast for \${city} after \${tries} tries\`);
}
`;

/** Caches without a time to live: lines 4, 6 and 7 send GET, HGET and SET. */
const NO_TTL = `import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const cached = await redis.get(\`cache:forecast:\${city}\`);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(\`cache:forecast:\${city}\`, forecast);
  return forecast;
}
`;

describe('Run with its arguments, and errors marked in the editor', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [course, browser] = await Promise.all([serveCourse(), launchChromium()]);
    page = await openPage(browser, { colorScheme: 'light' });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await page.goto(`${course.url}/lessons/session-caching`);
    await panel(page, EXERCISE).locator('.monaco-editor .view-lines').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  const exercise = () => panel(page, EXERCISE);
  const runButton = () =>
    exercise().getByRole('button', { name: /^(Run|Running…) your code once/ });
  const runReport = () => exercise().locator('.run-report');
  const argument = (call: number) =>
    exercise().getByRole('textbox', {
      name: new RegExp(`^Arguments of getForecast, call ${call} of 2`),
    });
  /**
   * The numbers of the lines the editor underlines as errors. Monaco keeps its lines' elements in
   * no particular order, each placed by its `top`, and may wrap a line: a squiggle's line is the
   * last numbered one above it (this code is short enough to be all in view).
   */
  const underlined = (squiggle = 'squiggly-error') =>
    exercise().evaluate((section, squiggle) => {
      const top = (element: Element) => Number.parseFloat((element as HTMLElement).style.top);
      const numbers = [...section.querySelectorAll('.margin-view-overlays > div')]
        .filter((row) => row.querySelector('.line-numbers'))
        .map((row) => ({ top: top(row), line: Number(row.textContent) }))
        .sort((a, b) => a.top - b.top);
      const lines = [...section.querySelectorAll('.view-overlays > div')]
        .filter((row) => row.querySelector(`.${squiggle}`))
        .map((row) => numbers.filter((number) => number.top <= top(row)).at(-1)?.line ?? 0);
      return [...new Set(lines)].sort((a, b) => a - b);
    }, squiggle);
  /** The editor's text without its white space, which wrapping and indenting move about. */
  const code = () =>
    exercise()
      .locator('.view-line')
      .evaluateAll((lines) =>
        lines
          .map((line) => ({
            top: Number.parseFloat((line as HTMLElement).style.top),
            text: line.textContent ?? '',
          }))
          .sort((a, b) => a.top - b.top)
          .map(({ text }) => text.replace(/\s/g, ''))
          .join(''),
      );
  /** Pastes `text` over the editor's, as a learner would (typing would auto-close brackets). */
  const paste = async (text: string) => {
    await page.evaluate((copied) => navigator.clipboard.writeText(copied), text);
    await exercise().locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await expect.poll(code).toBe(text.replace(/\s/g, ''));
  };

  it('shows what Run stores first, and each call with its arguments and what it returned', async () => {
    await exercise().getByText('What Run does').click();
    await expect
      .poll(() => exercise().locator('.run-setup').textContent())
      .toContain('HSET db:forecasts lisbon "sunny, high of 24"');
    await paste(SOLUTION);
    await runButton().click();
    await expect
      .poll(() => runReport().textContent())
      .toContain('getForecast(redis, "lisbon") returned');
    expect(await runReport().locator('pre').first().textContent()).toBe("'sunny, high of 24'");
  });

  it('runs with arguments the learner wrote, refuses ones it cannot read and keeps them as typed', async () => {
    await argument(1).fill('oslo');
    await runButton().click();
    await expect
      .poll(() => exercise().getByRole('alert').textContent())
      .toMatch(/^Run did not start: the arguments of getForecast \(call 1\) cannot be read/);
    expect(await argument(1).getAttribute('aria-invalid')).toBe('true');
    expect(await argument(1).inputValue()).toBe('oslo');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^Arguments of getForecast, call 1/,
    );
    await expect
      .poll(() =>
        exercise()
          .getByText(/are not JSON values separated by commas/)
          .count(),
      )
      .toBe(1);

    await argument(1).fill('"oslo"');
    await runButton().click();
    await expect
      .poll(() => runReport().textContent())
      .toContain('getForecast(redis, "oslo") returned');
    expect(await runReport().textContent()).toContain("'light rain, high of 7'");
    expect(await argument(1).getAttribute('aria-invalid')).toBeNull();

    await exercise().getByRole('button', { name: "Restore the exercise's arguments" }).click();
    expect(await argument(1).inputValue()).toBe('"lisbon"');
  });

  it('runs code written as plain JavaScript without asking: a type left out contradicts none', async () => {
    await paste(
      "export async function getForecast(redis, city) {\n  return redis.hget('db:forecasts', city);\n}\n",
    );
    await runButton().click();
    await expect.poll(() => runReport().textContent()).toContain("'sunny, high of 24'");
    expect(await exercise().locator('.type-errors').count()).toBe(0);
  });

  it('asks before running code with type errors, naming the first, and Fix first leads to it', async () => {
    await paste(TYPE_ERROR_AND_THROW);
    const before = await runReport().textContent();
    await runButton().click();
    const question = exercise().getByRole('group', {
      name: /^Your code has a type error\. Run it anyway\?/,
    });
    await question.waitFor();
    expect(await question.textContent()).toMatch(
      /Line 4: Type 'string' is not assignable to type 'number'/,
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fix first');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor'))))
      .toBe(true);
    // Monaco draws the cursor's line in a frame after the focus moves: a loaded machine shows it late.
    await expect
      .poll(() => exercise().locator('.line-numbers.active-line-number').textContent())
      .toBe('4');
    // Nothing ran: the last Run's report stays as it was.
    expect(await runReport().textContent()).toBe(before);
  });

  it('runs anyway when asked, and marks the line that threw', async () => {
    await runButton().click();
    const runAnyway = exercise().getByRole('button', { name: 'Run anyway' });
    await runAnyway.waitFor();
    // The question, and what Run does with its arguments, readable in both themes.
    for (const theme of ['dark', 'light'] as const) {
      await page.getByRole('button', { name: new RegExp(`^${theme} theme`, 'i') }).click();
      expect(await seriousViolations(page), `the question in the ${theme} theme`).toEqual([]);
    }
    await runAnyway.click();
    await expect
      .poll(() => runReport().textContent())
      .toContain('getForecast(redis, "lisbon") threw at line 5');
    await expect.poll(() => underlined()).toEqual([4, 5]);
  });

  it('submits anyway when asked, and marks the line of the failed checks', async () => {
    await exercise().getByRole('button', { name: 'Submit' }).click();
    await exercise().getByRole('button', { name: 'Submit anyway' }).click();
    const report = exercise().locator('.grade-report');
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toMatch(/checks passed/);
    expect(await report.locator('.check-line').first().textContent()).toBe(
      'Line 5 of your code, marked in the editor.',
    );
    await expect.poll(() => underlined()).toEqual([4, 5]);
  });

  it('shows under a failed check what the code sent to Redis and the keys it changed, and leads to the lines that sent them', async () => {
    await paste(NO_TTL);
    await exercise().getByRole('button', { name: 'Submit' }).click();
    const report = exercise().locator('.grade-report');
    await expect
      .poll(() => report.locator('h3').textContent(), { timeout: 60_000 })
      .toMatch(/^11 of 13 checks passed/);
    const activity = report.locator('details[open] .redis-activity');
    expect(await activity.getByRole('heading').textContent()).toBe('What your code did to Redis');
    const sent = await activity.locator('.sent-commands li').allTextContents();
    expect(sent).toHaveLength(3);
    // A city may hold a space, and the key is then quoted, as redis-cli would print it.
    expect(sent[0]).toMatch(/^GET (cache:forecast:\S+|"cache:forecast:[^"]+")line 4 of your code$/);
    expect(sent[1]).toMatch(/^HGET db:forecasts (\S+|"[^"]+")line 6 of your code$/);
    expect(sent[2]).toMatch(
      /^SET (cache:forecast:\S+|"cache:forecast:[^"]+") ".+"line 7 of your code$/,
    );
    // The key the code made, first and marked as changed: no time to live is the failure.
    const changed = activity.locator('.key-changes tbody tr.changed');
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('th').textContent()).toMatch(/^cache:forecast:/);
    const [before, after] = await changed.locator('td').allTextContents();
    expect(before).toBe('none');
    expect(after).toMatch(/^string ".+" \(changed\)$/);
    await expect.poll(() => underlined('squiggly-info')).toEqual([4, 6, 7]);

    await activity.getByRole('button', { name: 'line 7 of your code' }).click();
    await expect
      .poll(() => exercise().locator('.line-numbers.active-line-number').textContent())
      .toBe('7');
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor'))),
    ).toBe(true);
    await activity.scrollIntoViewIfNeeded();
    await inBothThemes(page, 'redis-activity', { fullPage: false });
    expect(problems).toEqual([]);
  });
});
