import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './browser.ts';
import { serveCourse } from './serve-course.ts';
import { inBothThemes, SCREENSHOTS } from './themes.ts';

describe('the console and the key browser, in the playground', () => {
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;
  let prompt: Locator;
  let keyBrowser: Locator;
  /** The key names the browser lists now. */
  const keyNames = () => keyBrowser.locator('.key-name').allTextContents();
  /** Runs one console line and waits for its entry. */
  async function type(command: string) {
    const entries = await page.locator('.console-entry').count();
    await prompt.fill(command);
    await prompt.press('Enter');
    await expect.poll(() => page.locator('.console-entry').count()).toBe(entries + 1);
    return page.locator('.console-entry').last();
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    [course, browser] = await Promise.all([serveCourse(), launchChromium()]);
    page = await openPage(browser, { colorScheme: 'light' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
  });

  it('opens the playground from the course map: a console and a key browser of its own', async () => {
    await page.goto(course.url);
    await page.getByRole('link', { name: 'Open the playground' }).click();
    await page.getByRole('heading', { level: 1, name: 'Playground' }).waitFor();
    prompt = page.getByRole('textbox', { name: 'Redis command' });
    keyBrowser = page.locator('.key-browser');
    await expect.poll(() => keyBrowser.textContent()).toContain('No keys yet.');
    expect(new URL(page.url()).pathname).toBe('/playground');
  });

  it("completes a command from the learner's Redis, then shows its syntax", async () => {
    await prompt.pressSequentially('zad');
    const options = page.getByRole('listbox', { name: 'Commands' }).getByRole('option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual([expect.stringMatching(/^ZADD Add one or more members to a sorted set/)]);
    await prompt.press('Tab');
    expect(await prompt.inputValue()).toBe('ZADD ');
    const hint = page.locator('.console-hint .command-syntax');
    expect(await hint.textContent()).toMatch(
      /^ZADD key \[NX \| XX\] .* score member \[score member \.\.\.\]$/,
    );
    // A container's subcommands, chosen with the arrow keys.
    await prompt.fill('');
    await prompt.pressSequentially('object e');
    await prompt.press('ArrowDown');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await prompt.press('Enter');
    expect(await prompt.inputValue()).toBe('OBJECT ENCODING ');
    expect(await hint.textContent()).toBe('OBJECT ENCODING key');
    await prompt.fill('');
    await prompt.pressSequentially('get');
    await prompt.press('ArrowDown');
    await inBothThemes(page, 'console-completion', { before: () => prompt.focus() });
    await prompt.fill('');
    // A list open elsewhere would cover the page: it closes with the focus, and comes back with it.
    await prompt.pressSequentially('get');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 1, name: 'Playground' }).click();
    await expect.poll(() => options.count()).toBe(0);
    await prompt.focus();
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    // A click takes one: the list keeps the focus in the prompt, or it would close under the mouse.
    await options.getByText('GETDEL', { exact: true }).click();
    expect(await prompt.inputValue()).toBe('GETDEL ');
    await prompt.fill('');
  });

  it('asks "did you mean" of a command Redis does not know', async () => {
    const entry = await type('GTE weather');
    expect(await entry.locator('.reply-error').textContent()).toMatch(/unknown command 'GTE'/);
    expect(await entry.locator('.console-note').textContent()).toBe(
      'Redis has no command GTE: did you mean GET?',
    );
  });

  it('explains a command of the log on hover and on focus, and hides it on Escape', async () => {
    await type('ZADD board 10 ada 30 bo 20 cy');
    const command = page.locator('.console-entry').last().getByRole('button', { name: 'ZADD' });
    const tooltip = page.locator('.command-tooltip');
    await command.hover();
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/Add one or more members to a sorted set/);
    await page.screenshot({ path: `${SCREENSHOTS}console-command-help.png` });
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    await command.focus();
    await tooltip.waitFor();
    await command.press('Escape');
    await tooltip.waitFor({ state: 'detached' });
  });

  it('shows a sorted set highest score first, under member and score headings', async () => {
    const board = keyBrowser.locator('.key-view').filter({ hasText: 'board' });
    await expect
      .poll(() => board.locator('thead th').allTextContents())
      .toEqual(['Member', 'Score']);
    expect(await board.locator('tbody tr').allInnerTexts()).toEqual([
      'bo\t30',
      'cy\t20',
      'ada\t10',
    ]);
  });

  it('groups keys by prefix, in groups that fold', async () => {
    await type('MSET user:1 ada user:2 bo session:9 x plain y');
    await expect.poll(keyNames).toEqual(['board', 'plain', 'session:9', 'user:1', 'user:2']);
    const users = keyBrowser.getByRole('button', { name: /^user: 2 keys$/ });
    expect(await users.getAttribute('aria-expanded')).toBe('true');
    await users.click();
    expect(await users.getAttribute('aria-expanded')).toBe('false');
    expect(await keyNames()).toEqual(['board', 'plain', 'session:9']);
    await users.click();
    expect(await keyNames()).toContain('user:2');
  });

  it('filters keys on the server, with SCAN MATCH', async () => {
    const filter = keyBrowser.getByRole('searchbox', { name: 'Filter' });
    const asked = page.waitForRequest((request) =>
      request.url().includes('/api/console/keys?match=*ser*'),
    );
    await filter.fill('ser');
    await asked;
    await expect.poll(keyNames).toEqual(['user:1', 'user:2']);
    await filter.fill('s*');
    await expect.poll(keyNames).toEqual(['session:9']);
    await filter.fill('nothing-like-it');
    await expect.poll(() => keyBrowser.textContent()).toContain('No keys match the filter.');
    await filter.fill('');
    await expect.poll(keyNames).toHaveLength(5);
  });

  it('deletes a key from its row once the learner confirms', async () => {
    await keyBrowser.getByRole('button', { name: 'Delete user:1' }).click();
    const question = keyBrowser.getByRole('group', { name: 'Delete user:1?' });
    // The safe answer has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Keep it');
    await keyBrowser.scrollIntoViewIfNeeded();
    await inBothThemes(page, 'key-browser-groups');
    await question.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(keyNames).toEqual(['board', 'plain', 'session:9', 'user:2']);
    expect(await keyBrowser.getByRole('status').textContent()).toBe('Deleted user:1.');
    expect(await (await type('EXISTS user:1 user:2')).locator('.console-reply').textContent()).toBe(
      '(integer) 1\n',
    );
  });

  it('drops a key from the list once its TTL runs out, without asking the server again', async () => {
    await type('SET soon x PX 1500');
    await expect.poll(keyNames).toContain('soon');
    let asked = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/console/keys')) asked += 1;
    });
    await expect.poll(keyNames, { timeout: 5_000 }).not.toContain('soon');
    expect(asked).toBe(0);
  });
});
