import { describe, expect, it } from 'vitest';
import type { LessonSummary } from '../../../../../contracts/index.ts';
import { stepAfter } from './next-step.tsx';

const lesson = (id: string, exercises: string[]): LessonSummary => ({
  id,
  title: `Lesson ${id}`,
  summary: '',
  minutes: 10,
  exercises,
});
const COURSE = [lesson('one', ['a', 'b']), lesson('two', []), lesson('three', ['c'])];

describe('the step after a passed exercise', () => {
  it("is the lesson's next exercise, if it has one", () => {
    expect(stepAfter(COURSE, 'a')).toEqual({ to: 'exercise', id: 'b' });
  });

  it('is the next lesson after its last exercise, a lesson without exercises too', () => {
    expect(stepAfter(COURSE, 'b')).toEqual({ to: 'lesson', lesson: COURSE[1], number: 2 });
  });

  it("is the course's end after the last lesson's last exercise", () => {
    expect(stepAfter(COURSE, 'c')).toEqual({ to: 'end' });
  });

  it('is nothing for an exercise no lesson names', () => {
    expect(stepAfter(COURSE, 'stray')).toBeUndefined();
  });
});
