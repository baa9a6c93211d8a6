// What crosses a process boundary as JSON (grader → server → queue → web), declared once and
// imported by every side. Types only: nothing here runs, and nothing here imports another part,
// so that each part may import it without reaching into another (biome.json holds it to that).
export type * from './console-replies.ts';
export type * from './course-views.ts';
export type * from './error-body.ts';
export type * from './grade-result.ts';
export type * from './graded-submission.ts';
export type * from './instructor-stats.ts';
export type * from './key-view.ts';
export type * from './pending-grading.ts';
export type * from './progress.ts';
export type * from './run-result.ts';
