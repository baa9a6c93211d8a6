import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take half a minute or more alone (on 2 cores), started first, so that none is
 * left running by itself at the end. Vitest starts the slowest first once it has timed a run,
 * but on a fresh clone (CI) it starts the largest, and some of these are small. Browser files
 * are spread out, so that few draw at once.
 */
const LONGEST = [
  'e2e/learner-journey.test.ts',
  'grader/grader.test.ts',
  'server/grading/grading-fairness.test.ts',
  'server/grading/connection-state.test.ts',
  'e2e/queue-mode.test.ts',
  'server/grading/queue-mode.test.ts',
  'grader/cli/batch-connection-state.test.ts',
  'grader/hostile-processes.test.ts',
  'e2e/progress-and-pages.test.ts',
  'server/shutdown.test.ts',
  'grader/cli/grade-command.test.ts',
  'e2e/editor.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST.indexOf(relative(file.project.config.root, file.moduleId));
      return at === -1 ? LONGEST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['{contracts,grader,server,queue,metrics,web,exercises,e2e}/**/*.test.ts'],
    // Tests start real redis-servers, worker processes and Chromium.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files side by side: a file mostly waits (on Redis, a grader's workers, Chromium, its
    // checks' timers), so on 2 cores vitest's default of cores - 1 left them mostly idle. Parts
    // of the suite on 2 cores: 402 s one file at a time, 245 s two, 190 s three. A test that
    // works hard (TypeScript over a course, a CLI process) then takes up to twice as long as
    // alone: the timeouts above are twice what it needs alone.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    expect: {
      // What a poll waits for (a page drawn, a process gone) comes later while other files run:
      // 1 s by default.
      poll: { timeout: 10_000 },
    },
  },
});
