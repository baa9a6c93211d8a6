import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** An axe-core scan of the page as it is now: every violation, of any impact. */
async function violationsOf(page: Page): Promise<Result[]> {
  // Evaluated through DevTools, which the page's Content-Security-Policy does not govern: a
  // <script> tag with axe's source would be refused, as it should be.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe.run(
        document,
      ) as Promise<AxeResults>,
  );
  return results.violations;
}

const described = (violation: Result) =>
  `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
    .slice(0, 3)
    .map((node) => node.target.join(' '))
    .join(', ')}`;

/** An axe-core scan of the page as it is now: its serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await violationsOf(page))
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(described);
}

/** An axe-core scan of the page as it is now: all its violations, minor and moderate too. */
export async function allViolations(page: Page): Promise<string[]> {
  return (await violationsOf(page)).map(described);
}
