import { readFileSync } from 'node:fs';
import type Redis from 'ioredis';
import type {
  Draft,
  ExerciseProgress,
  GradeResult,
  Progress,
  SubmissionRecord,
} from '../../contracts/index.ts';
import type { AppState } from '../state/app-state.ts';
import { GRADING_KEPT_SECONDS, keys, MAX_HISTORY } from './keys.ts';

const RECORD_SUBMISSION = readFileSync(new URL('record-submission.lua', import.meta.url), 'utf8');

// Hints only ever grow: revealing hint 1 again after hint 2 keeps 2.
const RECORD_HINT = `
local shown = tonumber(redis.call('HGET', KEYS[1], 'hints_shown') or '0')
if tonumber(ARGV[1]) > shown then redis.call('HSET', KEYS[1], 'hints_shown', ARGV[1]) end
redis.call('SADD', KEYS[2], ARGV[2])
return 1`;

/** Failed submissions after which the reference solution is offered without a pass. */
export const FAILURES_BEFORE_SOLUTION = 3;

/**
 * Learners' progress and submission history, in the app's Redis (keys.ts). Every write is one
 * atomic step (MULTI or a script), so a crash never leaves half of one.
 */
export class ProgressStore {
  constructor(private readonly state: AppState) {}

  async progress(learner: string): Promise<Progress> {
    return this.state.use(async (redis) => {
      const [lastLesson, visited, exercises] = await Promise.all([
        redis.hget(keys.learner(learner), 'last_lesson'),
        redis.smembers(keys.lessons(learner)),
        redis.smembers(keys.exercises(learner)),
      ]);
      const progress = await Promise.all(
        exercises.map((exercise) => readProgress(redis, keys.exercise(learner, exercise))),
      );
      return {
        lastLesson,
        visited: visited.sort(),
        exercises: Object.fromEntries(exercises.map((exercise, i) => [exercise, progress[i]])),
      };
    });
  }

  /** One exercise's progress; a `started` one with nothing counted when there is none yet. */
  async exercise(learner: string, exercise: string): Promise<ExerciseProgress> {
    return this.state.use((redis) => readProgress(redis, keys.exercise(learner, exercise)));
  }

  async visit(learner: string, lesson: string): Promise<void> {
    const now = new Date().toISOString();
    await this.state.use((redis) =>
      redis
        .multi()
        .sadd(keys.lessons(learner), lesson)
        .hset(keys.learner(learner), 'last_lesson', lesson, 'last_seen_at', now)
        .hsetnx(keys.learner(learner), 'created_at', now)
        .exec(),
    );
  }

  async draft(learner: string, exercise: string): Promise<Draft> {
    const [source, savedAt] = await this.state.use((redis) =>
      redis.hmget(keys.exercise(learner, exercise), 'last_code', 'code_saved_at'),
    );
    return { source: source ?? null, savedAt: savedAt ?? null };
  }

  async saveDraft(learner: string, exercise: string, source: string): Promise<string> {
    const savedAt = new Date().toISOString();
    await this.state.use((redis) =>
      redis
        .multi()
        .hset(keys.exercise(learner, exercise), 'last_code', source, 'code_saved_at', savedAt)
        .sadd(keys.exercises(learner), exercise)
        .hsetnx(keys.learner(learner), 'created_at', savedAt)
        .exec(),
    );
    return savedAt;
  }

  async forgetDraft(learner: string, exercise: string): Promise<void> {
    await this.state.use((redis) =>
      redis.hdel(keys.exercise(learner, exercise), 'last_code', 'code_saved_at'),
    );
  }

  async recordHint(learner: string, exercise: string, number: number): Promise<void> {
    await this.state.use((redis) =>
      redis.eval(
        RECORD_HINT,
        2,
        keys.exercise(learner, exercise),
        keys.exercises(learner),
        number,
        exercise,
      ),
    );
  }

  /**
   * Records a graded submission, the progress it makes and the exercise's instructor stats;
   * answers the submission's id and the exercise's progress as it now stands. A queued grading
   * (`gradingId`) is recorded once however often it is delivered: `first` says whether this call
   * recorded it.
   */
  async recordSubmission(
    learner: string,
    source: string,
    result: GradeResult,
    gradingId?: string,
  ): Promise<{ id: string; first: boolean; progress: ExerciseProgress }> {
    const passed = result.checks.filter((check) => check.status === 'pass').length;
    // A check that never ran (its sandbox was lost) says nothing of the exercise.
    const failing = new Set(
      result.checks
        .filter((check) => check.status !== 'pass' && check.reason !== 'not-run')
        .map((check) => check.name),
    );
    const grading = gradingId === undefined ? [] : [keys.grading(gradingId)];
    const [id, first, fields] = (await this.state.use((redis) =>
      redis.eval(
        RECORD_SUBMISSION,
        9 + grading.length,
        keys.nextSubmission,
        keys.submissions(learner, result.exercise),
        keys.exercise(learner, result.exercise),
        keys.exercises(learner),
        keys.learner(learner),
        keys.exerciseStats(result.exercise),
        keys.attemptsToPass(result.exercise),
        keys.failingChecks(result.exercise),
        keys.statsExercises,
        ...grading,
        learner,
        result.exercise,
        result.status,
        passed,
        result.checks.length,
        result.durationMs,
        source,
        new Date().toISOString(),
        MAX_HISTORY,
        keys.submission(''),
        gradingId === undefined ? '' : JSON.stringify(result),
        GRADING_KEPT_SECONDS,
        ...failing,
      ),
    )) as [number | string, number, string[]];
    const hash: Record<string, string> = {};
    for (let at = 0; at + 1 < fields.length; at += 2) {
      hash[fields[at] as string] = fields[at + 1] as string;
    }
    return { id: String(id), first: first === 1, progress: exerciseProgress(hash) };
  }

  /** A queued grading already recorded: whose it is and its result. */
  async recordedGrading(
    gradingId: string,
  ): Promise<{ learner: string; result: GradeResult } | undefined> {
    const [learner, result] = await this.state.use((redis) =>
      redis.hmget(keys.grading(gradingId), 'learner', 'result'),
    );
    if (!learner || !result) return undefined;
    return { learner, result: JSON.parse(result) as GradeResult };
  }

  /** The learner's submissions of one exercise, newest first. */
  async history(learner: string, exercise: string): Promise<SubmissionRecord[]> {
    return this.state.use(async (redis) => {
      const ids = await redis.lrange(keys.submissions(learner, exercise), 0, -1);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.submission(id));
      const replies = (await pipeline.exec()) ?? [];
      return ids.map((id, i) => {
        const [error, hash] = replies[i] ?? [];
        if (error) throw error;
        const fields = hash as Record<string, string>;
        return {
          id,
          exercise,
          status: fields.status ?? 'error',
          passed: Number(fields.passed),
          total: Number(fields.total),
          durationMs: Number(fields.duration_ms),
          source: fields.source ?? '',
          at: fields.at ?? '',
        };
      });
    });
  }

  /**
   * The code of the newest passing submission of each exercise the learner has passed, by
   * exercise; one whose passing submissions have all left the history (MAX_HISTORY) is missing.
   */
  async passingSources(learner: string): Promise<Record<string, string>> {
    return this.state.use(async (redis) => {
      const exercises = await redis.smembers(keys.exercises(learner));
      const statuses = await Promise.all(
        exercises.map((exercise) => redis.hget(keys.exercise(learner, exercise), 'status')),
      );
      const passed = exercises.filter((_, i) => statuses[i] === 'passed');
      const histories = await Promise.all(
        passed.map((exercise) => redis.lrange(keys.submissions(learner, exercise), 0, -1)),
      );
      const pipeline = redis.pipeline();
      for (const id of histories.flat()) pipeline.hget(keys.submission(id), 'status');
      const replies = (await pipeline.exec()) ?? [];
      let at = 0;
      const newestPass = histories.map((ids) => {
        const found = ids.find((_, i) => replies[at + i]?.[1] === 'pass');
        at += ids.length;
        return found;
      });
      const sources = await Promise.all(
        newestPass.map((id) => (id ? redis.hget(keys.submission(id), 'source') : null)),
      );
      return Object.fromEntries(
        passed.flatMap((exercise, i) => {
          const source = sources[i];
          return typeof source === 'string' ? [[exercise, source]] : [];
        }),
      );
    });
  }

  /**
   * Whether hint `number` may be shown: hints open once the learner has submitted the exercise
   * (a hint is help with an attempt, not instead of one), and one shown before stays open.
   */
  async hintUnlocked(learner: string, exercise: string, number: number): Promise<boolean> {
    const [attempts, shown] = await this.state.use((redis) =>
      redis.hmget(keys.exercise(learner, exercise), 'attempts', 'hints_shown'),
    );
    return Number(attempts ?? 0) > 0 || number <= Number(shown ?? 0);
  }

  /** Whether the learner may see the reference solution: after a pass, or enough failures. */
  async solutionUnlocked(learner: string, exercise: string): Promise<boolean> {
    const [status, failures] = await this.state.use((redis) =>
      redis.hmget(keys.exercise(learner, exercise), 'status', 'failures'),
    );
    return status === 'passed' || Number(failures ?? 0) >= FAILURES_BEFORE_SOLUTION;
  }
}

/** The fields of an exercise's hash that its progress is made of: not the code kept beside them. */
const PROGRESS_FIELDS = [
  'status',
  'attempts',
  'failures',
  'hints_shown',
  'best_passed',
  'best_total',
  'first_at',
  'last_at',
  'passed_at',
] as const;

/** An exercise's progress, read without its saved code (a draft may be tens of kilobytes). */
async function readProgress(redis: Redis, key: string): Promise<ExerciseProgress> {
  const values = await redis.hmget(key, ...PROGRESS_FIELDS);
  return exerciseProgress(
    Object.fromEntries(
      PROGRESS_FIELDS.flatMap((field, i) => (values[i] == null ? [] : [[field, values[i]]])),
    ),
  );
}

function exerciseProgress(hash: Partial<Record<string, string>>): ExerciseProgress {
  const attempts = Number(hash.attempts ?? 0);
  return {
    status: hash.status === 'passed' ? 'passed' : attempts > 0 ? 'failing' : 'started',
    attempts,
    failures: Number(hash.failures ?? 0),
    hintsShown: Number(hash.hints_shown ?? 0),
    best:
      hash.best_passed === undefined
        ? null
        : { passed: Number(hash.best_passed), total: Number(hash.best_total) },
    firstAt: hash.first_at ?? null,
    lastAt: hash.last_at ?? null,
    passedAt: hash.passed_at ?? null,
  };
}
