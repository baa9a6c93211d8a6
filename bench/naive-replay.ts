// The naive replay, run as a fresh node process by the benchmark: a recorded grading's commands
// (see replay-floor.ts) sent by a new client to a new redis-server, no check run.
//   node --import tsx bench/naive-replay.ts <recording.json> <socket> <grader password>
import { readFile } from 'node:fs/promises';
import { type RecordedCommand, Replayer } from './replay-floor.ts';

const [recordingPath = '', path = '', password = ''] = process.argv.slice(2);
const batches = JSON.parse(await readFile(recordingPath, 'utf8')) as RecordedCommand[][];
const replayer = await Replayer.connect({ path, username: 'grader', password }, batches);
await replayer.replay(batches);
replayer.close();
