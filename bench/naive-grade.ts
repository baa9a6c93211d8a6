// One naive grading, run as a fresh node process by the benchmark's baseline:
//   node --import tsx bench/naive-grade.ts <checks.ts> <solution.ts> <socket> <user> <password>
import { loadNative } from './native-checks.ts';

const [checksPath, solutionPath, path, username, password] = process.argv.slice(2);
const native = await loadNative({
  checksPath: checksPath ?? '',
  solutionPath: solutionPath ?? '',
  redis: { path: path ?? '', username: username ?? '', password: password ?? '' },
});
const passed = await native.grade();
native.close();
process.stdout.write(`${passed}\n`);
