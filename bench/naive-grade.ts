// One naive grading, run as a fresh node process by the benchmark's baseline: the engine grades
// the solution once in this process, against a redis-server started for it, with nothing made
// ahead or kept warm (no worker pool, no spare isolates, no transpile cache).
//   node --import tsx bench/naive-grade.ts <job.json>
import { readFile } from 'node:fs/promises';
import { type GradeJob, runSubmission } from '../grader/runner/run-submission.ts';

const [jobPath = ''] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobPath, 'utf8')) as GradeJob;
const { result } = await runSubmission(job);
if (result.status !== 'pass') {
  console.error(`the naive grading did not pass: ${JSON.stringify(result)}`);
  process.exit(1);
}
// The engine keeps what a worker keeps for its next run (spare isolates, the sandbox's
// connections): this process has none, and ends with its one grading.
process.exit(0);
