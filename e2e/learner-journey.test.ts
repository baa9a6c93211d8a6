import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './browser.ts';
import { editorLines, editorText, panel, replaceCode, shown } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';
import { inBothThemes, SCREENSHOTS } from './themes.ts';

const exerciseFile = (name: string, exercise = 'set-and-get') =>
  readFileSync(new URL(`../exercises/${exercise}/${name}`, import.meta.url), 'utf8');
/** What the line under the editor says: "Saved", "Saving…", "Not saved: …" or nothing. */
/** The course map's count: every exercise folder belongs to a lesson (verify holds it so). */
const EXERCISES = readdirSync(new URL('../exercises/', import.meta.url)).length;
const LESSONS = readdirSync(new URL('../lessons/', import.meta.url)).filter((name) =>
  name.endsWith('.md'),
).length;
const passedOf = (count: number) => `${count} of ${EXERCISES} exercises passed`;

const saveStatus = (page: Page, id = 'set-and-get') =>
  panel(page, id).getByRole('status').textContent();
/** Whether the editor holds `code`; Monaco draws only the lines in view, so the start of it. */
const holds = async (page: Page, id: string, code: string) => {
  const text = (await editorText(page, id)) ?? '';
  return text.length > 0 && shown(code).startsWith(text);
};
/** A GET with these accepted encodings, its body as sent (fetch would decode it). */
const rawGet = (url: string, encodings: string) =>
  new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encodings } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
describe('a learner in the browser', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;
  /** What the page refused under its Content-Security-Policy, or threw, over the whole journey. */
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [course, browser] = await Promise.all([serveCourse(), launchChromium()]);
    ({ page } = await newLearner());
  }, 120_000);

  /** Another learner, whose page reports CSP violations and uncaught errors as problems. */
  async function newLearner(): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openPage(browser, { colorScheme: 'light' });
    opened.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) problems.push(message.text());
    });
    opened.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    return { context: opened.context(), page: opened };
  }

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  it('opens the course map: every lesson not started, and where to start', async () => {
    await page.goto(course.url);
    await page.getByRole('link', { name: /SET and GET/ }).waitFor();
    expect(await page.locator('.lesson-status').allTextContents()).toEqual(
      Array(LESSONS).fill('Not started'),
    );
    expect(await page.locator('label[for="course-progress"]').textContent()).toBe(passedOf(0));
    expect(await page.locator('.continue').textContent()).toBe('Start with Key-value databases');
    await inBothThemes(page, 'course-map');
  });

  it('follows the system theme until the learner picks one, then remembers it', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.removeItem('keyspace.theme'));
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('button', { name: /^Light theme/ }).click();
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('opens a lesson from the map', async () => {
    await page.getByRole('link', { name: /SET and GET/ }).click();
    await page.getByRole('heading', { level: 1, name: 'SET and GET' }).waitFor();
    expect(await page.locator('.prose h2').first().textContent()).toBe('What you will learn');
    expect(await page.locator('.runnable-redis .hljs-keyword').first().textContent()).toBe('SET');
  });

  it("runs a lesson's block in the learner's own Redis, shows the replies beneath it, then the lesson's to compare", async () => {
    const block = page.locator('.runnable-redis').first();
    const lessons = page.locator('.runnable-redis + details.redis-output').first();
    // Folded until the learner has run the block: predict, then Run.
    expect(await lessons.getAttribute('open')).toBeNull();
    expect(await lessons.locator('pre').isVisible()).toBe(false);
    await block.getByRole('button', { name: /Run/ }).click();
    await expect
      .poll(() => block.locator('.block-reply .console-reply').textContent())
      .toBe('OK\n"sunny"\n(nil)\n');
    expect(await block.locator('.block-verdict').textContent()).toBe(
      "✓ The same reply as the lesson's.",
    );
    expect(await lessons.locator('pre').isVisible()).toBe(true);
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
  });

  it("says when a block's reply differs from the lesson's, names the keys that were there before, and sets Redis up as the lesson has it", async () => {
    const prompt = page.getByRole('textbox', { name: 'Redis command' });
    // A key the block reads, though no block above makes it: as if left by another lesson.
    await prompt.fill('SET forecast "<b>rain</b>"');
    await prompt.press('Enter');
    const log = page.getByRole('log');
    await expect.poll(() => log.locator('.console-reply').last().textContent()).toBe('OK\n');
    const block = page.locator('.runnable-redis').first();
    await block.getByRole('button', { name: /^Run/ }).click();
    const verdict = block.locator('.block-verdict');
    await expect
      .poll(() => verdict.locator('strong').textContent())
      .toBe("Your reply differs from the lesson's");
    // `weather` too: the block ran before, and nothing above it makes that key.
    expect(await verdict.locator('code').allTextContents()).toEqual(['weather', 'forecast']);
    // The learner's value is text in the reply, never markup.
    expect(await block.locator('.block-reply .console-reply').textContent()).toBe(
      'OK\n"sunny"\n"<b>rain</b>"\n',
    );
    expect(await page.locator('.block-reply b').count()).toBe(0);
    await verdict.getByRole('button', { name: /as the lesson has it here/ }).click();
    await expect
      .poll(() => block.locator('.block-verdict').textContent())
      .toBe("✓ The same reply as the lesson's.");
    expect(await block.locator('.block-reply .console-reply').textContent()).toBe(
      'OK\n"sunny"\n(nil)\n',
    );
    expect(await log.locator('.console-reply').last().textContent()).toBe('OK\n"sunny"\n(nil)\n');
    await page.getByRole('button', { name: 'Empty my Redis' }).click();
    // The question takes the focus; its answer empties.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => log.locator('.console-reply').last().textContent())
      .toBe('Your Redis was emptied.\n');
    // No command was typed: the entry shows none.
    expect(await log.locator('.console-entry').last().locator('.console-command').count()).toBe(0);
    await prompt.fill('DBSIZE');
    await prompt.press('Enter');
    await expect
      .poll(() => log.locator('.console-reply').last().textContent())
      .toBe('(integer) 0\n');
  });

  it('shows the exercise in Monaco, holding the starter code', async () => {
    await editorLines(page).waitFor();
    expect((await editorText(page))?.replace(/\s+/g, ' ')).toContain(
      "// TODO: store the string 'sunny' under the key 'weather'.",
    );
  });

  it("knows ioredis's types: a misspelt command is flagged before anything runs", async () => {
    const squiggles = panel(page).locator('.squiggly-error');
    await replaceCode(
      page,
      "import type Redis from 'ioredis';\nexport async function main(redis: Redis) {\nreturn redis.sett('weather', 'sunny');\n}\n",
    );
    await expect.poll(() => squiggles.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await replaceCode(page, exerciseFile('starter.ts'));
    await expect.poll(() => squiggles.count(), { timeout: 15_000 }).toBe(0);
  });

  it('grades a wrong attempt: the first failure open with expected and actual, the rest on a click', async () => {
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent())
      .toMatch(/2 of 5 checks passed/);
    const failures = panel(page).locator('.check[data-status="fail"]');
    expect(await failures.count()).toBe(3);
    expect(await failures.first().locator('details').getAttribute('open')).toBe('');
    expect(await failures.first().locator('.check-message').isVisible()).toBe(true);
    const second = failures.filter({ hasText: 'main returns what GET weather answered' });
    expect(await second.locator('.check-message').isVisible()).toBe(false);
    await second.locator('summary').click();
    // What weather held before main ran is the grading's random data.
    expect(await second.locator('.check-message').textContent()).toMatch(
      /^what main returned, compared with GET weather after it ran .*: expected '\w+', got null$/,
    );
    const [expected, actual] = await second.locator('.expected-actual dd').allTextContents();
    expect([expected, actual]).toEqual([expect.stringMatching(/^'\w+'$/), 'null']);
    expect(await panel(page).locator('.solution-note').textContent()).toMatch(/once you pass/);
  });

  it('reveals hints one at a time', async () => {
    await panel(page).getByRole('button', { name: 'Show a hint (1 of 2)' }).click();
    await expect.poll(() => panel(page).locator('.hint-list li').count()).toBe(1);
    // The hint takes the focus, so a keyboard or screen reader user lands on it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.hint-list') !== null))
      .toBe(true);
    expect(await panel(page).locator('.hint-list li').first().textContent()).toMatch(/\w/);
    await panel(page).getByRole('button', { name: 'Show another hint (2 of 2)' }).waitFor();
    await inBothThemes(page, 'lesson-failed', { fullPage: false });
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

  it('submits with Ctrl+Shift+Enter from the editor, passes, shows the result where the learner looks, and offers the reference solution', async () => {
    await replaceCode(page, exerciseFile('solution.ts'));
    // A short window, the editor at its top: the report below it starts out of view.
    const size = page.viewportSize();
    await page.setViewportSize({ width: size?.width ?? 1280, height: 480 });
    // The Submit's answer brings the progress that opens the solution: nothing asks for it again.
    const progressLoads: string[] = [];
    const countProgressLoads = (request: Request) => {
      if (new URL(request.url()).pathname === '/api/progress') progressLoads.push(request.url());
    };
    page.on('request', countProgressLoads);
    try {
      await panel(page)
        .getByTestId('code-editor')
        .evaluate((editor) => editor.scrollIntoView({ block: 'start' }));
      await page.keyboard.press('ControlOrMeta+Shift+Enter');
      await expect
        .poll(() => panel(page).getByTestId('grade-status').textContent())
        .toMatch(/All checks passed/);
      const inView = await panel(page)
        .getByTestId('grade-status')
        .evaluate((heading) => {
          const { top, bottom } = heading.getBoundingClientRect();
          return top >= 0 && bottom <= window.innerHeight;
        });
      expect(inView, 'the result heading is in view after Ctrl+Shift+Enter').toBe(true);
      // The lesson's other exercise comes next.
      expect(await panel(page).locator('.next-step a').textContent()).toBe(
        'Next: the exercise below →',
      );
      expect(await panel(page).locator('.check[data-status="pass"]').count()).toBe(5);
      await panel(page)
        .getByRole('button', { name: 'Compare with the reference solution' })
        .click();
    } finally {
      page.off('request', countProgressLoads);
      if (size) await page.setViewportSize(size);
    }
    expect(progressLoads).toEqual([]);
    await expect
      .poll(() => panel(page).locator('.solution code').textContent())
      .toBe(exerciseFile('solution.ts'));
    // The screenshot shows the comparison itself: Monaco's diff, drawn, in view.
    const diff = panel(page).getByTestId('solution-diff');
    await diff.locator('.view-lines').first().waitFor();
    await inBothThemes(page, 'lesson-passed', {
      fullPage: false,
      before: () => diff.scrollIntoViewIfNeeded(),
    });
  });

  it('runs with Ctrl+Enter from the editor', async () => {
    await editorLines(page).click();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => panel(page).getByTestId('run-status').textContent()).toMatch(/^Ran/);
  });

  it('saves the code as the learner types, and brings it back after a reload', async () => {
    await editorLines(page, 'page-views').waitFor();
    expect(await saveStatus(page, 'page-views')).toBe('');
    await replaceCode(page, '// my own attempt\n', 'page-views');
    await expect.poll(() => saveStatus(page, 'page-views')).toBe('Saved');
    await page.reload();
    await expect.poll(() => editorText(page, 'page-views')).toBe(shown('// my own attempt\n'));
    expect(await saveStatus(page, 'page-views')).toBe('Saved');
    // The other exercise's code, saved before, came back too.
    await expect.poll(() => editorText(page)).toBe(shown(exerciseFile('solution.ts')));
    await panel(page, 'page-views').getByRole('status').scrollIntoViewIfNeeded();
    await inBothThemes(page, 'lesson-saved', { fullPage: false });
  });

  it('asks before putting the starter back, and keeps the code when told to', async () => {
    const other = panel(page, 'page-views');
    const starter = exerciseFile('starter.ts', 'page-views');
    expect(await editorText(page, 'page-views')).toBe(shown('// my own attempt\n'));
    await other.getByRole('button', { name: 'Reset to starter' }).click();
    await other.getByRole('button', { name: 'Keep my code' }).click();
    expect(await editorText(page, 'page-views')).toBe(shown('// my own attempt\n'));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Reset to starter');
    await other.getByRole('button', { name: 'Reset to starter' }).click();
    await other.getByRole('button', { name: 'Replace my code' }).click();
    await expect.poll(() => holds(page, 'page-views', starter)).toBe(true);
    // The saved attempt is forgotten: a reload would bring the starter back (checked below).
    await expect.poll(() => saveStatus(page, 'page-views')).toBe('Saved');
  });

  it('offers the solution after three failed submissions, once the learner confirms', async () => {
    const other = panel(page, 'page-views');
    const submit = other.getByRole('button', { name: 'Submit' });
    for (const attempt of [1, 2, 3]) {
      await submit.click();
      await expect.poll(() => submit.textContent()).toBe('Submit');
      await other.getByTestId('grade-status').waitFor();
      if (attempt < 3) expect(await other.locator('.solution-note').isVisible()).toBe(true);
    }
    await other.getByRole('button', { name: 'See the reference solution' }).click();
    await other.getByRole('button', { name: 'Keep trying' }).click();
    expect(await other.locator('.solution').count()).toBe(0);
    await other.getByRole('button', { name: 'See the reference solution' }).click();
    await other.getByRole('button', { name: 'Show the solution' }).click();
    await expect
      .poll(() => other.locator('.solution code').textContent())
      .toContain('export async function recordView');
  });

  it('shows the progress on the course map, and keeps code and progress across a reload', async () => {
    await expect.poll(() => saveStatus(page)).toBe('Saved');
    await page.getByRole('link', { name: 'Course' }).click();
    await page.locator('.lesson-status').first().waitFor();
    const statuses = await page.locator('.lesson-status').allTextContents();
    expect(statuses[2]).toBe('In progress');
    expect(statuses.filter((status) => status === 'Not started')).toHaveLength(LESSONS - 1);
    expect(await page.locator('label[for="course-progress"]').textContent()).toBe(passedOf(1));
    expect(await page.locator('.continue').textContent()).toBe(
      'Continue where you left off: SET and GET',
    );
    await page.reload();
    expect(await page.locator('label[for="course-progress"]').textContent()).toBe(passedOf(1));
    await inBothThemes(page, 'course-map-progress');
    await page.locator('.continue').click();
    await expect.poll(() => editorText(page)).toBe(shown(exerciseFile('solution.ts')));
    await expect
      .poll(() => holds(page, 'page-views', exerciseFile('starter.ts', 'page-views')))
      .toBe(true);
    await expect.poll(() => panel(page).locator('.hint-list li').count()).toBe(1);
    await panel(page)
      .getByRole('button', { name: 'Compare with the reference solution' })
      .waitFor();
    // Three failed submissions, kept by the server: the solution is still offered.
    await panel(page, 'page-views')
      .getByRole('button', { name: 'See the reference solution' })
      .waitFor();
  });

  it('signs out another browser holding a copy of the cookie, keeping the progress here', async () => {
    await page.goto(course.url);
    const other = await newLearner();
    await other.context.addCookies(await page.context().cookies());
    await other.page.goto(course.url);
    const passed = (shown: Page) => shown.locator('label[for="course-progress"]').textContent();
    expect(await passed(other.page)).toBe(passedOf(1));

    await page.getByRole('button', { name: 'Sign out other browsers' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /no longer reaches your progress/ })
      .waitFor();
    await other.page.reload();
    expect(await passed(other.page)).toBe(passedOf(0));
    await page.reload();
    expect(await passed(page)).toBe(passedOf(1));
    await other.context.close();
  });

  it('reaches every control of the lesson page by keyboard', async () => {
    await page.goto(`${course.url}/lessons/set-and-get`);
    await editorLines(page).waitFor();
    const reached = new Set<string>();
    await page.locator('body').focus();
    // Monaco keeps Tab for indenting; Escape, then Tab, leaves it.
    for (let step = 0; step < 150; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (element?.closest('.monaco-editor')) return 'editor';
        return `${element?.getAttribute('role') ?? element?.tagName.toLowerCase()}:${element?.getAttribute('aria-label') ?? element?.textContent?.trim()}`;
      });
      if (focused === 'editor') await page.keyboard.press('Escape');
      reached.add(focused);
    }
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'a:Course',
        'button:Run these commands in your console',
        'separator:Resize the lesson and the exercise',
        'editor',
        'button:Submit',
        'button:Show another hint (2 of 2)',
        'input:Redis command',
      ]),
    );
  });

  it('skips to the exercise from the first Tab, indents with Tab, and leaves the editor with Escape then Tab', async () => {
    await page.goto(`${course.url}/lessons/set-and-get`);
    await editorLines(page).waitFor();
    // Tab from the top of the page: the body focused (it takes focus only with a tabindex), so
    // that Chromium starts from there, whatever the page focused or scrolled to meanwhile.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (element?.closest('.monaco-editor')) return 'editor';
        return element?.id || element?.textContent?.trim().slice(0, 40);
      });
    expect(await focused()).toBe('Skip to the exercise');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('exercises');
    // From there the editor is a few Tabs away, past the exercise's statement.
    let tabs = 0;
    while ((await focused()) !== 'editor' && tabs < 10) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await focused()).toBe('editor');
    // Tab indents and keeps the focus; Escape then Tab moves on, Escape then Shift+Tab back.
    const before = (await editorText(page, 'set-and-get')) ?? '';
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('editor');
    await expect.poll(() => editorText(page, 'set-and-get')).not.toBe(before);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => editorText(page, 'set-and-get')).toBe(before);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^Run/);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('editor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).not.toBe('editor');
  });

  it('resizes the split between lesson and exercise with the keyboard, and remembers it', async () => {
    const handle = page.getByRole('separator', { name: 'Resize the lesson and the exercise' });
    const share = () => handle.getAttribute('aria-valuenow');
    const pressOnHandle = async (key: string) => {
      await handle.focus();
      expect(await handle.evaluate((element) => element === document.activeElement)).toBe(true);
      await page.keyboard.press(key);
    };
    await pressOnHandle('ArrowLeft');
    await pressOnHandle('ArrowLeft');
    await expect.poll(share).toBe('40');
    await page.reload();
    // The page settles (the editor is in) before the handle is used again.
    await editorLines(page).waitFor();
    await expect.poll(share).toBe('40');
    await pressOnHandle('End');
    await expect.poll(share).toBe('75');
    await pressOnHandle('Home');
    for (let step = 0; step < 5; step += 1) await pressOnHandle('ArrowRight');
    await expect.poll(share).toBe('50');
  });

  it('stacks lesson and exercise on a narrow screen', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      const stacked = () =>
        page.evaluate(() => {
          const lesson = document.querySelector('article.lesson')?.getBoundingClientRect();
          const exercises = document.querySelector('aside.exercises')?.getBoundingClientRect();
          return Boolean(lesson && exercises && exercises.top >= lesson.bottom - 1);
        });
      await expect.poll(stacked).toBe(true);
      expect(await page.getByRole('separator').isVisible()).toBe(false);
      // Code wider than the column shows that it scrolls (a shade at the edge with more), and
      // code that fits shows nothing.
      const blocks = await page.locator('article.lesson pre').evaluateAll((pres) =>
        pres.map((pre) => ({
          scrolls: pre.scrollWidth > pre.clientWidth,
          shaded: getComputedStyle(pre).backgroundImage.includes('radial-gradient'),
          focusable: pre.tabIndex === 0,
        })),
      );
      expect(blocks.some((block) => block.scrolls)).toBe(true);
      for (const block of blocks) {
        expect(block).toEqual({
          scrolls: block.scrolls,
          shaded: block.scrolls,
          focusable: block.scrolls,
        });
      }
      await page.screenshot({ path: `${SCREENSHOTS}lesson-narrow-light.png` });
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('says what went wrong instead of a blank page, with the way back to the course', async () => {
    await page.goto(`${course.url}/lessons/no-such-lesson`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/no lesson named 'no-such-lesson'/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No such lesson');
    await page.getByRole('link', { name: 'Back to the course' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Learn Redis by doing');
  });

  it('says so when the server cannot be reached, and keeps the code', async () => {
    await page.goto(`${course.url}/lessons/set-and-get`);
    await editorLines(page).waitFor();
    await page.route('**/api/exercises/*/submissions', (route) => route.abort());
    try {
      await panel(page).getByRole('button', { name: 'Submit' }).click();
      await expect
        .poll(() => panel(page).locator('.outcome > .error').textContent())
        .toMatch(/cannot be reached/);
      expect(await editorText(page)).toBe(shown(exerciseFile('solution.ts')));
    } finally {
      await page.unroute('**/api/exercises/*/submissions');
    }
  });

  it('says when to try again when there were too many requests', async () => {
    await page.route('**/api/exercises/*/submissions', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '30' },
        contentType: 'application/json',
        body: JSON.stringify({ error: 'rate_limited', message: 'too many requests' }),
      }),
    );
    try {
      await panel(page).getByRole('button', { name: 'Submit' }).click();
      await expect
        .poll(() => panel(page).locator('.outcome > .error').textContent())
        .toBe('too many requests. Try again in 30 seconds.');
    } finally {
      await page.unroute('**/api/exercises/*/submissions');
    }
  });

  it('keeps the code in the editor when the server cannot save it, and saves it once it can', async () => {
    const message =
      'the server cannot reach its storage right now, so this may not have been saved';
    await page.route('**/api/exercises/*/draft', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'state_unavailable', message }),
          })
        : route.fallback(),
    );
    const code = `${exerciseFile('solution.ts')}// kept while the server was away\n`;
    try {
      await replaceCode(page, code);
      await expect.poll(() => saveStatus(page)).toBe(`Not saved: ${message}`);
      expect(await panel(page).getByRole('status').getAttribute('aria-live')).toBe('polite');
      expect(await editorText(page)).toBe(shown(code));
      await panel(page).getByRole('status').scrollIntoViewIfNeeded();
      await inBothThemes(page, 'lesson-not-saved', { fullPage: false });
    } finally {
      await page.unroute('**/api/exercises/*/draft');
    }
    // Tried again by itself, a few seconds later.
    await expect.poll(() => saveStatus(page), { timeout: 10_000 }).toBe('Saved');
    await page.reload();
    await expect.poll(() => editorText(page)).toBe(shown(code));
  });

  it('shows the course without statuses, and says why, when the progress cannot be loaded', async () => {
    const message = 'the server cannot reach its storage right now';
    await page.route('**/api/progress', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'state_unavailable', message }),
      }),
    );
    try {
      await page.goto(course.url);
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(`Your progress could not be loaded: ${message}`);
      expect(await page.locator('.lesson-card').count()).toBe(LESSONS);
      expect(await page.locator('.lesson-status').count()).toBe(0);
    } finally {
      await page.unroute('**/api/progress');
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => page.locator('label[for="course-progress"]').textContent())
      .toBe(passedOf(1));
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
    await inBothThemes(page, 'key-browser-image', { fullPage: false });
  });

  it("shows another learner none of the first one's progress, code or keys", async () => {
    // The first learner's keys, for contrast: the block's and Run's.
    await page.goto(`${course.url}/lessons/set-and-get`);
    await expect
      .poll(() => page.locator('.key-name').allTextContents())
      .toEqual(expect.arrayContaining(['weather', 'image:7']));
    const { context: other, page: stranger } = await newLearner();
    try {
      await stranger.goto(course.url);
      await stranger.getByRole('link', { name: /SET and GET/ }).waitFor();
      expect(await stranger.locator('.lesson-status').allTextContents()).toEqual(
        Array(LESSONS).fill('Not started'),
      );
      expect(await stranger.locator('label[for="course-progress"]').textContent()).toBe(
        passedOf(0),
      );
      expect(await stranger.locator('.continue').textContent()).toBe(
        'Start with Key-value databases',
      );
      await stranger.getByRole('link', { name: /SET and GET/ }).click();
      await editorLines(stranger).waitFor();
      expect((await editorText(stranger))?.replace(/\s+/g, ' ')).toContain(
        "// TODO: store the string 'sunny' under the key 'weather'.",
      );
      expect(await saveStatus(stranger)).toBe('');
      // Nothing submitted here yet: the hints are not offered.
      await panel(stranger).getByText('Hints open once you have submitted your code.').waitFor();
      expect(await panel(stranger).locator('.hint-list li').count()).toBe(0);
      expect(await panel(stranger).locator('.solution-note').isVisible()).toBe(true);
      await expect
        .poll(() => stranger.locator('.key-browser').textContent())
        .toContain('No keys yet.');
      const prompt = stranger.getByRole('textbox', { name: 'Redis command' });
      await prompt.fill('GET weather');
      await prompt.press('Enter');
      await expect
        .poll(() => stranger.getByRole('log').locator('.console-reply').last().textContent())
        .toBe('(nil)\n');
    } finally {
      await other.close();
    }
    // And the first learner still has theirs.
    await page.reload();
    await expect.poll(() => page.locator('.key-name').allTextContents()).toContain('weather');
  });

  it('serves the app compressed, and its hashed files to keep for good', async () => {
    const html = await (await fetch(course.url)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(([, path]) => path);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets) {
      const plain = await rawGet(`${course.url}${path}`, 'identity');
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const compressed = await rawGet(`${course.url}${path}`, 'gzip, deflate, br');
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
      expect(brotliDecompressSync(compressed.body).equals(plain.body)).toBe(true);
    }
    // The page that names them is asked for again each time.
    const page = await rawGet(course.url, 'identity');
    expect(page.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('went the whole way without breaking the Content-Security-Policy or an uncaught error', () => {
    expect(problems).toEqual([]);
  });
});
