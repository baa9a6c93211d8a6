import type { Page } from 'playwright-core';

interface Marks {
  usable?: number;
  codeShown?: number;
  editorShown?: number;
}

/** The exercise's code as the learner first sees it: the plain editor, or Monaco already. */
const CODE = '[data-testid="plain-code-editor"] textarea, .monaco-editor .view-lines';

/**
 * Installed in each page before its scripts: notes the frame in which each mark first holds, in
 * the page's own clock (0 is the navigation's start). A string, as tsx's keepNames would wrap a
 * function's inner functions in a helper pages lack.
 */
const RECORD_MARKS = `{
  const CODE = ${JSON.stringify(CODE)};
  const marks = (window.benchMarks = {});
  const shown = (element) => element?.checkVisibility() === true;
  const tick = (now) => {
    if (marks.usable === undefined) {
      const run = [...document.querySelectorAll('button')].find((button) =>
        /^Run(\\s|$)/.test(button.textContent.trim()),
      );
      if (shown(document.querySelector('h1')) && shown(run) && !run.disabled) marks.usable = now;
    }
    if (marks.codeShown === undefined && shown(document.querySelector(CODE))) marks.codeShown = now;
    if (marks.editorShown === undefined && shown(document.querySelector('.monaco-editor .view-lines')))
      marks.editorShown = now;
    if (Object.keys(marks).length < 3) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

/** Every document the page loads from now on records its marks. */
export async function recordMarks(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORD_MARKS });
}

async function mark(page: Page, name: keyof Marks): Promise<number> {
  const handle = await page.waitForFunction(
    (key) => (window as unknown as { benchMarks: Marks }).benchMarks[key],
    name,
  );
  return (await handle.jsonValue()) as number;
}

/** Navigation start to the lesson's h1 and its first Run button visible and enabled. */
export const lessonUsable = (page: Page) => mark(page, 'usable');

/** Longer than any key takes to show on a loaded machine, even on the slow network. */
const KEY_SHOWN_MS = 10_000;

/** Monaco's lines of text. */
const MONACO = '.monaco-editor .view-lines';

/**
 * Clicks the middle of `selector`'s first element and presses x there, as a learner would the
 * moment it shows: a mouse event where it is drawn, not Playwright's checks that it stays put
 * (two frames or more, each a round trip to a page that is busy then). Returns when one x more
 * shows in the code (a text area's value, else the element's text: Monaco draws only the lines
 * in view, and a starter is all in view), in the page's own clock, and takes the x out again.
 * The page's functions are written out, not shared: tsx would wrap a named one in a helper that
 * pages lack.
 */
async function typeInto(page: Page, selector: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const aimed = await page.evaluate((target) => {
      const code = document.querySelector(target);
      if (!code) throw new Error(`nothing matches ${target}`);
      // What shows of the code is what its frame shows: Monaco draws its first frame at the
      // frame's height before it fits the code, and the frame clips the rest.
      const frame = code.closest('.code-editor') ?? code;
      frame.scrollIntoView({ block: 'center' });
      const [box, bounds] = [code, frame].map((element) => element.getBoundingClientRect());
      if (!box || !bounds) throw new Error('no box');
      const left = Math.max(box.left, bounds.left);
      const right = Math.min(box.right, bounds.right);
      const top = Math.max(box.top, bounds.top);
      const bottom = Math.min(box.bottom, bounds.bottom);
      if (right <= left || bottom <= top) throw new Error(`${target} shows nothing of itself`);
      const text = code instanceof HTMLTextAreaElement ? code.value : (code.textContent ?? '');
      return {
        x: (left + right) / 2,
        y: top + Math.min((bottom - top) / 2, 40),
        xs: text.split('x').length,
      };
    }, selector);
    await page.mouse.click(aimed.x, aimed.y);
    await page.keyboard.press('x');
    try {
      const typed = await page.waitForFunction(
        ([target, before]) => {
          const code = document.querySelector(target as string);
          const text = code instanceof HTMLTextAreaElement ? code.value : (code?.textContent ?? '');
          return text.split('x').length > (before as number) && performance.now();
        },
        [selector, aimed.xs] as const,
        { polling: 'raf', timeout: KEY_SHOWN_MS },
      );
      const shown = (await typed.jsonValue()) as number;
      // The code as it was: an x in a name (the click may land in one) would leave the page's
      // later figures, the first completion's, without `redis`.
      await page.keyboard.press('Backspace');
      return shown;
    } catch (error) {
      // With the focus in the code, the key was lost there: a failure of the page, not of aim.
      const focusedInCode = await page.evaluate(
        () =>
          document.activeElement instanceof HTMLTextAreaElement ||
          document.activeElement?.closest('.monaco-editor') != null,
      );
      if (focusedInCode || attempt === 3) throw error;
      // The page moved under the click (the lesson's images, the editor taking over): the run's
      // figure counts the time lost, as a learner's would.
      console.warn(`  (a click in ${selector} missed it: pressed again after ${KEY_SHOWN_MS} ms)`);
    }
  }
}

/**
 * Navigation start to a key pressed in the exercise's code showing in it: in the plain editor that
 * holds the code until Monaco is here, or in Monaco if it came first (the key then goes to Monaco,
 * which takes the focus over). Pressed as soon as the code is visible.
 */
export async function codeTypeable(page: Page): Promise<number> {
  await mark(page, 'codeShown');
  return typeInto(page, CODE);
}

/**
 * Navigation start to a key pressed in Monaco showing in its text; the key is pressed as soon as
 * the editor's lines are visible, so the figure includes Monaco's first keystroke.
 */
export async function editorReady(page: Page): Promise<number> {
  await mark(page, 'editorShown');
  return typeInto(page, MONACO);
}

/**
 * From the `.` of a `redis.` typed on a new line after the starter's `void redis;` (inside a
 * function given the client) to the first suggestion drawn, in the page's own clock.
 */
export async function firstCompletion(page: Page): Promise<number> {
  const line = page.locator('.monaco-editor .view-line', { hasText: 'void redis' }).first();
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('redis');
  await page.evaluate(() => {
    const marks = window as unknown as { benchDot?: number };
    addEventListener(
      'keydown',
      (event) => {
        if (event.key === '.') marks.benchDot ??= performance.now();
      },
      { capture: true },
    );
  });
  await page.keyboard.press('.');
  const shown = await page.waitForFunction(
    () => {
      const dot = (window as unknown as { benchDot?: number }).benchDot;
      const row = document.querySelector('.suggest-widget.visible .monaco-list-row');
      return dot !== undefined && row !== null && performance.now() - dot;
    },
    undefined,
    { polling: 'raf' },
  );
  return (await shown.jsonValue()) as number;
}
