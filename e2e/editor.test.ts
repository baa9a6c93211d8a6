import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './accessibility.ts';
import { launchChromium, openPage } from './browser.ts';
import { panel, shown } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';

const solution = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);
const starter = readFileSync(
  new URL('../exercises/set-and-get/starter.ts', import.meta.url),
  'utf8',
);
/** A passing solution that differs from the reference by one line. */
const mine = solution.replace(
  'export async',
  '// Mine: the reference has no such line.\nexport async',
);

/** The learner's editor, not the diff's two. */
const learnerEditor = (page: Page) => panel(page).getByTestId('code-editor');
const diff = (page: Page) => panel(page).getByTestId('solution-diff');

/** Replaces the editor's text as a learner would: select all, paste. */
async function paste(page: Page, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await learnerEditor(page).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** The suggestions shown, in the list's order (Monaco renders rows in any order). */
const suggestions = (page: Page) =>
  page.locator('.suggest-widget.visible .monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        label: row.querySelector('.label-name')?.textContent ?? '',
      }))
      .sort((a, b) => a.index - b.index)
      .map((row) => row.label),
  );

/** The lines an editor draws, top to bottom (Monaco reuses their elements in any order). */
const drawnText = (lines: Locator) =>
  lines.locator('.view-line').evaluateAll((elements) =>
    elements
      .map((element) => ({
        top: Number.parseFloat((element as HTMLElement).style.top),
        text: element.textContent,
      }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text)
      .join(''),
  );

/** The middle of `word`'s first letters as drawn in `line`, where a mouse hovers over it. */
const wordAt = (line: Locator, word: string) =>
  line.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 2);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    throw new Error(`no ${text} in the line`);
  }, word);

/** Whether what is drawn at the middle of `selector` is that element: not hidden, not cut off. */
const seenAtItsMiddle = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const atMiddle = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return atMiddle !== null && element.contains(atMiddle);
  });

/**
 * Holds `page`'s requests for what `pattern` matches, as a slow network would, until the function
 * it returns is called.
 */
async function holdBack(page: Page, pattern: string | RegExp): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

describe('the exercise editor', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;
  /** What the page threw, over the whole file: a diff disposed wrongly throws after the fact. */
  const problems: string[] = [];

  /** A page in a context of its own: a new learner, with nothing cached. */
  const openLearnerPage = async (colorScheme: 'light' | 'dark' = 'light') => {
    const opened = await openPage(browser, { colorScheme });
    // A step waiting on what never comes fails in the step, not at the test's timeout.
    opened.setDefaultTimeout(15_000);
    return opened;
  };

  beforeAll(async () => {
    [course, browser] = await Promise.all([serveCourse(), launchChromium()]);
    page = await openLearnerPage();
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  it("starts TypeScript's worker while the learner reads, before any editor is there", async () => {
    // The editors wait for the learner's saved code: held, they cannot be what starts the worker.
    const release = await holdBack(page, '**/api/exercises/*/draft');
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    try {
      await page.goto(`${course.url}/lessons/set-and-get`);
      await expect
        .poll(() => workers.some((url) => /ts\.worker/.test(url)), { timeout: 60_000 })
        .toBe(true);
      expect(await page.locator('.monaco-editor').count()).toBe(0);
      // The editor's own module, loaded meanwhile too, is there to show at once, with no plain
      // editor before it. (A Suspense fallback, even for a module already loaded, held a ready
      // editor back up to 300 ms.)
      await expect
        .poll(() =>
          page.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .some((entry) => /\/code-editor-[^/]*\.js$/.test(entry.name)),
          ),
        )
        .toBe(true);
      await page.evaluate(() => {
        const seen = window as unknown as { plainEditorSeen?: boolean };
        seen.plainEditorSeen = false;
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="plain-code-editor"]'))
            seen.plainEditorSeen = true;
        }).observe(document.body, { childList: true, subtree: true });
      });
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
    await learnerEditor(page).locator('.view-lines').waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { plainEditorSeen?: boolean }).plainEditorSeen,
      ),
    ).toBe(false);
  }, 90_000);

  it('holds the code in a plain editor until Monaco is here, which takes over where the learner was', async () => {
    // A page of its own, with every script of the editor held back as by a slow network: all
    // but the page's own (index-*.js) are Monaco's, its TypeScript's and the editor's.
    const fresh = await openLearnerPage();
    const release = await holdBack(fresh, /\/assets\/(?!index-)[^/]*\.js$/);
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      const area = panel(fresh).getByRole('textbox', { name: /^Code for exercise set-and-get/ });
      await expect.poll(() => area.inputValue()).toBe(starter);
      const focusedIs = (locator: Locator) =>
        locator.evaluate((element) => element === document.activeElement);
      // Typed into, with Tab indenting and Shift+Tab taking the indent back, the focus staying.
      const codeAfter = async (...keys: string[]) => {
        for (const key of keys) await fresh.keyboard.press(key);
        return area.inputValue();
      };
      await area.click();
      await fresh.keyboard.press('ControlOrMeta+End');
      await fresh.keyboard.press('Enter');
      await fresh.keyboard.press('Tab');
      await fresh.keyboard.type('// plain');
      expect(await area.inputValue()).toBe(`${starter}\n  // plain`);
      expect(await focusedIs(area)).toBe(true);
      expect(await codeAfter('Shift+Tab')).toBe(`${starter}\n// plain`);
      expect(await codeAfter('ControlOrMeta+Z')).toBe(`${starter}\n  // plain`);
      // A selection over two lines: each is indented (but the empty one), and outdented.
      expect(await codeAfter('End', 'Shift+ArrowUp', 'Tab')).toBe(`${starter}\n    // plain`);
      expect(await codeAfter('Shift+Tab')).toBe(`${starter}\n  // plain`);
      // So has a line selected whole, not typed over.
      expect(await codeAfter('End', 'Home', 'Shift+End', 'Tab')).toBe(`${starter}\n    // plain`);
      expect(await codeAfter('Shift+Tab')).toBe(`${starter}\n  // plain`);
      // Escape then Tab leaves it for Run, as in Monaco; Shift+Tab comes back.
      await fresh.keyboard.press('Escape');
      await fresh.keyboard.press('Tab');
      const runButton = panel(fresh).getByRole('button', { name: /^Run your code once/ });
      expect(await focusedIs(runButton)).toBe(true);
      await fresh.keyboard.press('Shift+Tab');
      expect(await focusedIs(area)).toBe(true);
      // Ctrl+Enter runs the code as typed, without waiting for Monaco: a real editor, not a
      // picture of one.
      await fresh.keyboard.press('ControlOrMeta+Enter');
      await expect
        .poll(() => panel(fresh).locator('.run-report').textContent(), { timeout: 60_000 })
        .toContain('null');
      await area.click();
      await fresh.keyboard.press('ControlOrMeta+End');
      await fresh.keyboard.press('ArrowLeft');
      expect(await learnerEditor(fresh).count()).toBe(0);
      release();
      // Monaco, with the code as typed, the focus, and the caret where it was: a key typed at
      // once lands between "plai" and "n".
      await learnerEditor(fresh).locator('.view-lines').waitFor();
      expect(await panel(fresh).getByTestId('plain-code-editor').count()).toBe(0);
      await fresh.keyboard.type('Y');
      await expect
        .poll(() => learnerEditor(fresh).locator('.view-lines').textContent())
        .toContain(shown('  // plaiYn'));
      expect(
        await fresh.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null),
      ).toBe(true);
      // Saved as typed, in both editors: a reload shows it all.
      await panel(fresh).getByText('Saved', { exact: true }).waitFor();
      await fresh.reload();
      await learnerEditor(fresh).locator('.view-lines').waitFor();
      expect(await learnerEditor(fresh).locator('.view-lines').textContent()).toContain(
        shown('  // plaiYn'),
      );
    } finally {
      release();
      await fresh.context().close();
    }
  }, 120_000);

  it('lets a word being composed end before Monaco takes over from the plain editor', async () => {
    const fresh = await openLearnerPage();
    const release = await holdBack(fresh, /\/assets\/code-editor-[^/]*\.js$/);
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      const plain = panel(fresh).getByTestId('plain-code-editor');
      await plain.locator('textarea').click();
      await fresh.keyboard.press('ControlOrMeta+End');
      // An input method's word, not yet chosen: what a Japanese or Chinese learner types through.
      const cdp = await fresh.context().newCDPSession(fresh);
      await cdp.send('Input.imeSetComposition', { text: 'ね', selectionStart: 1, selectionEnd: 1 });
      const arrived = fresh.waitForResponse(/\/assets\/code-editor-[^/]*\.js$/);
      release();
      await arrived;
      // Monaco's editor module is here: it runs in the task that reads it, and the editor would
      // show a frame later. A few frames on, the plain editor still stays while the word is open.
      await fresh.evaluate(
        () =>
          new Promise((resolve) => {
            let frames = 5;
            const next = () => (--frames === 0 ? resolve(undefined) : requestAnimationFrame(next));
            requestAnimationFrame(next);
          }),
      );
      expect(await plain.count()).toBe(1);
      expect(await learnerEditor(fresh).count()).toBe(0);
      await cdp.send('Input.insertText', { text: 'ねこ' });
      await expect
        .poll(() => learnerEditor(fresh).locator('.view-lines').textContent())
        .toContain('ねこ');
    } finally {
      release();
      await fresh.context().close();
    }
  }, 120_000);

  /**
   * Runs `test` on the set-and-get lesson in a page of its own, every script but the page's own
   * held back (Monaco among them) until `release`: the exercise's code in its plain text area.
   */
  const withMonacoHeldBack = async (
    test: (page: Page, area: Locator, release: () => void) => Promise<void>,
  ) => {
    const fresh = await openLearnerPage();
    const release = await holdBack(fresh, /\/assets\/(?!index-)[^/]*\.js$/);
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      await test(fresh, panel(fresh).getByTestId('plain-code-editor').locator('textarea'), release);
    } finally {
      release();
      await fresh.context().close();
    }
  };

  it('marks the line a Run from the plain editor pointed at, once Monaco is here', async () => {
    await withMonacoHeldBack(async (fresh, area, release) => {
      // Code TypeScript finds nothing wrong with: any line marked is the Run's.
      await area.fill(starter.replace('void redis;', "if (redis) throw new Error('from plain');"));
      await area.press('ControlOrMeta+Enter');
      await expect
        .poll(() => panel(fresh).locator('.run-report').textContent(), { timeout: 60_000 })
        .toContain('from plain');
      release();
      await learnerEditor(fresh).locator('.view-lines').waitFor();
      await expect
        .poll(() => learnerEditor(fresh).locator('.squiggly-error').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    });
  }, 120_000);

  it('puts the caret at a line the report names in the plain editor, before Monaco is here', async () => {
    await withMonacoHeldBack(async (fresh, area) => {
      const code =
        "export async function main(redis) {\n  await redis.set('weather', 'rainy');\n  return redis.get('weather');\n}\n";
      await area.fill(code);
      await area.press('ControlOrMeta+Shift+Enter');
      const sentFrom = panel(fresh).getByRole('button', { name: 'line 2 of your code' }).first();
      await sentFrom.waitFor({ timeout: 60_000 });
      await sentFrom.click();
      expect(await area.evaluate((element) => document.activeElement === element)).toBe(true);
      const caret = await area.evaluate((element: HTMLTextAreaElement) => [
        element.selectionStart,
        element.selectionEnd,
      ]);
      expect(caret).toEqual([code.indexOf('  await'), code.indexOf('  await')]);
      expect(await panel(fresh).getByTestId('plain-code-editor').count()).toBe(1);
    });
  }, 120_000);

  /**
   * Runs `test` on the lesson with two exercises, Monaco held back until both show their plain
   * editors (had it come first, the second would be Monaco as it mounts), the page's idle
   * callbacks kept in `idleWork` rather than run: from the moment the first exercise's Monaco is
   * here, with the second exercise's panel.
   */
  const withTwoPlainEditors = async (test: (page: Page, below: Locator) => Promise<void>) => {
    const fresh = await openLearnerPage();
    try {
      await fresh.addInitScript({
        content:
          'window.idleWork = []; window.requestIdleCallback = (work) => idleWork.push(work);',
      });
      const release = await holdBack(fresh, /\/assets\/code-editor-[^/]*\.js$/);
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      for (const id of ['set-and-get', 'page-views']) {
        await panel(fresh, id).getByTestId('plain-code-editor').waitFor();
      }
      release();
      await learnerEditor(fresh).locator('.view-lines').waitFor();
      const below = panel(fresh, 'page-views');
      expect(await below.getByTestId('plain-code-editor').count()).toBe(1);
      await test(fresh, below);
    } finally {
      await fresh.context().close();
    }
  };

  it('makes Monaco for the exercise in sight first, for one further down as the learner comes to it', async () => {
    await withTwoPlainEditors(async (_, below) => {
      await below.getByTestId('plain-code-editor').scrollIntoViewIfNeeded();
      await below.getByTestId('code-editor').locator('.view-lines').waitFor();
      expect(await below.getByTestId('plain-code-editor').count()).toBe(0);
    });
  }, 120_000);

  it('makes Monaco for an exercise out of sight once the page is idle', async () => {
    await withTwoPlainEditors(async (fresh, below) => {
      await fresh.evaluate(
        'for (const work of idleWork.splice(0)) work({ didTimeout: false, timeRemaining: () => 50 })',
      );
      const editor = below.getByTestId('code-editor');
      await editor.locator('.view-lines').waitFor({ state: 'attached' });
      // Not by coming into sight: it is still below the window.
      expect(
        await editor.evaluate((element) => element.getBoundingClientRect().top),
      ).toBeGreaterThan(await fresh.evaluate(() => innerHeight));
    });
  }, 120_000);

  it('makes Monaco at once for an exercise out of sight that the learner moves the focus into', async () => {
    await withTwoPlainEditors(async (fresh, below) => {
      // Focused where it is, below the window, as a screen reader may: nothing else would bring
      // Monaco here (no idle moment comes), and Monaco, focused, scrolls itself into view.
      await below
        .getByTestId('plain-code-editor')
        .locator('textarea')
        .evaluate((area) => area.focus({ preventScroll: true }));
      await below.getByTestId('code-editor').locator('.view-lines').waitFor({ state: 'attached' });
      expect(
        await fresh.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null),
      ).toBe(true);
    });
  }, 120_000);

  it('keeps the plain editor, and says so, when Monaco cannot load', async () => {
    const fresh = await openLearnerPage();
    await fresh.route(/\/assets\/code-editor-[^/]*\.js$/, (route) => route.abort());
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      await panel(fresh).getByRole('alert').getByText('The full editor could not load').waitFor();
      const area = panel(fresh).getByTestId('plain-code-editor').locator('textarea');
      await area.click();
      await fresh.keyboard.press('ControlOrMeta+End');
      await fresh.keyboard.type('// still here');
      await panel(fresh).getByText('Saved', { exact: true }).waitFor();
      expect(await area.inputValue()).toBe(`${starter}// still here`);
      await fresh.reload();
      await expect.poll(() => area.inputValue()).toBe(`${starter}// still here`);
    } finally {
      await fresh.context().close();
    }
  }, 120_000);

  it('offers the everyday commands first after `redis.`, no internals, and `se` selects set', async () => {
    await learnerEditor(page).locator('.view-line', { hasText: 'void redis' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('redis');
    const typed = performance.now();
    await page.keyboard.type('.');
    await page
      .locator('.suggest-widget.visible .monaco-list-row')
      .first()
      .waitFor({ timeout: 60_000 });
    console.log(`redis. completions after ${Math.round(performance.now() - typed)} ms`);
    expect((await suggestions(page)).slice(0, 6)).toEqual([
      'get',
      'set',
      'del',
      'exists',
      'expire',
      'ttl',
    ]);
    // Asked for by typing `_`: ioredis's commands with an underscore, not its internals. No
    // Ctrl+Space: with the list open it toggles the details, which Monaco remembers, or does
    // nothing while the list reloads, as the machine is quick or busy; below it must open them.
    await page.keyboard.type('_');
    await expect.poll(() => suggestions(page)).toContain('fcall_ro');
    expect((await suggestions(page)).filter((label) => label.startsWith('_'))).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Backspace');
    // Typed after the dot, `s` opens the list again (Ctrl+Space would now toggle its details).
    await page.keyboard.type('se');
    await expect
      .poll(() =>
        page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name').textContent(),
      )
      .toBe('set');
    // The details pane: the method without ioredis's generic owner, then Redis's own words.
    // Ctrl+Space opens it only once `set` has its documentation, which a busy machine resolves
    // late; Monaco marks the row as one whose details can open from then on.
    await page
      .locator('.suggest-widget.visible .monaco-list-row.focused .can-expand-details')
      .waitFor({ state: 'attached', timeout: 30_000 });
    await page.keyboard.press('ControlOrMeta+Space');
    const details = page.locator('.suggest-details');
    await expect
      .poll(() => details.locator('.header .type').textContent())
      .toMatch(/^\(method\) set\(…\) \(\+\d+ overloads\)$/);
    expect(await details.locator('.docs').textContent()).toContain(
      'Sets the string value of a key',
    );
    expect(await seenAtItsMiddle(page, '.suggest-details .header .type')).toBe(true);
    await page.keyboard.press('ControlOrMeta+Space');
    await page.keyboard.press('Escape');
  }, 90_000);

  it('shows the signature whole over the page, wrapped, not cut at the editor', async () => {
    await page.keyboard.type('t(');
    const signature = '.parameter-hints-widget .signature';
    await page.locator(signature).waitFor({ timeout: 60_000 });
    expect(await page.locator(signature).textContent()).toMatch(/^set\(key: RedisKey/);
    expect(await seenAtItsMiddle(page, signature)).toBe(true);
    const fits = await page
      .locator(signature)
      .evaluate((element) => element.scrollWidth <= element.clientWidth + 1);
    expect(fits, 'the signature wraps rather than running past its widget').toBe(true);
    await page.keyboard.press('Escape');
  });

  it('grows with the code, up to a share of the window, and wraps long comments', async () => {
    const height = () =>
      learnerEditor(page).evaluate((element) => element.getBoundingClientRect().height);
    const starterHeight = await height();
    const longComment = `// ${'a long comment that goes on '.repeat(8).trim()}`;
    const code = `${longComment}\n${'const step = 1;\n'.repeat(24)}`;
    await paste(page, code);
    await expect.poll(height).toBeGreaterThan(starterHeight + 200);
    const { innerHeight } = await page.evaluate(() => ({ innerHeight: window.innerHeight }));
    expect(await height()).toBeLessThanOrEqual(Math.max(22 * 16, innerHeight * 0.75) + 2);
    // Wrapped: one model line drawn as several, with nothing added to the text. Drawn a frame
    // or more after the editor grew, later on a busy machine.
    await expect
      .poll(() => learnerEditor(page).locator('.view-line').count())
      .toBeGreaterThan(code.split('\n').length);
    await expect.poll(() => drawnText(learnerEditor(page))).toBe(shown(code));
    const scrollsSideways = await learnerEditor(page)
      .locator('.editor-scrollable > .scrollbar.horizontal')
      .evaluate(
        (bar) => bar.getBoundingClientRect().height > 0 && !bar.classList.contains('invisible'),
      );
    expect(scrollsSideways).toBe(false);
  });

  it("compares the learner's code with the reference solution in Monaco's diff editor", async () => {
    await paste(page, mine);
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent(), { timeout: 60_000 })
      .toMatch(/All checks passed/);
    await panel(page).getByRole('button', { name: 'Compare with the reference solution' }).click();
    const original = diff(page).locator('.original-in-monaco-diff-editor');
    const modified = diff(page).locator('.modified-in-monaco-diff-editor');
    await expect
      .poll(() => original.locator('.view-lines').textContent())
      .toContain(shown('// Mine: the reference has no such line.'));
    expect(await modified.locator('.view-lines').textContent()).toContain(
      shown("return redis.get('weather');"),
    );
    // The diff was computed: the learner's extra line is marked as what the reference lacks.
    await expect.poll(() => original.locator('.line-delete').count()).toBeGreaterThan(0);
    // Both sides read-only, each named for what it holds.
    await page
      .getByRole('textbox', { name: 'Your code (read-only)' })
      .waitFor({ state: 'attached' });
    await page
      .getByRole('textbox', { name: 'The reference solution (read-only)' })
      .waitFor({ state: 'attached' });
    await modified.locator('.view-lines').click();
    await page.keyboard.type('zqx');
    expect(await modified.locator('.view-lines').textContent()).not.toContain('zqx');
    // Read-only, Tab is no indent: the keyboard leaves the diff by it.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        Boolean(document.activeElement?.closest('.modified-in-monaco-diff-editor')),
      ),
    ).toBe(false);
    // The reference as text, for copying.
    expect(await panel(page).locator('.solution code').textContent()).toBe(solution);
    for (const theme of ['dark', 'light'] as const) {
      await page.getByRole('button', { name: new RegExp(`^${theme} theme`, 'i') }).click();
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
      expect(await seriousViolations(page), `the diff in the ${theme} theme`).toEqual([]);
    }
  }, 120_000);

  it("follows the learner's edits, and leaves the page without an error", async () => {
    await learnerEditor(page).locator('.view-line', { hasText: 'Mine:' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.type('// Still mine.\n');
    const original = diff(page).locator('.original-in-monaco-diff-editor .view-lines');
    await expect.poll(() => original.textContent()).toContain(shown('// Still mine.'));
    // Edited again and left at once, while that diff is still being computed.
    await learnerEditor(page).locator('.view-line', { hasText: 'Still mine' }).click();
    await page.keyboard.type(' And again.');
    await page.getByRole('link', { name: 'Course', exact: true }).click();
    await page.locator('.lesson-status').first().waitFor();
    // A diff left to finish on disposed models throws a moment later.
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
  });

  it("takes keys before ioredis's declarations arrive, then TypeScript's service with them", async () => {
    // A page of its own: the first one has the declarations in its cache.
    const fresh = await openLearnerPage('dark');
    const release = await holdBack(fresh, '**/assets/editor-types-*.js');
    try {
      await fresh.goto(`${course.url}/lessons/set-and-get`);
      const editor = learnerEditor(fresh);
      await editor.locator('.view-line', { hasText: 'store the string' }).click();
      await fresh.keyboard.press('End');
      await fresh.keyboard.type(' (mine)');
      await expect.poll(() => editor.locator('.view-lines').textContent()).toContain('(mine)');
      // Coloured as TypeScript already, before its service.
      expect(await editor.locator('.view-line span[class^="mtk"]').count()).toBeGreaterThan(3);
      release();
      // The service, with ioredis's types: the client's hover names its class, and the import of
      // ioredis, made before the declarations came, is no error.
      await expect
        .poll(
          async () => {
            const { x, y } = await wordAt(
              editor.locator('.view-line', { hasText: 'void redis' }),
              'redis',
            );
            await fresh.mouse.move(x, y);
            return fresh.locator('.monaco-hover-content').first().textContent({ timeout: 1_000 });
          },
          { timeout: 60_000 },
        )
        .toContain('redis: Redis');
      expect(await fresh.locator('.monaco-hover-content').first().textContent()).not.toContain(
        'any',
      );
      expect(await editor.locator('.squiggly-error').count()).toBe(0);
    } finally {
      release();
      await fresh.context().close();
    }
  }, 120_000);
});
