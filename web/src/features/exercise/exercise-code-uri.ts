/**
 * Where an exercise's code lives in Monaco, given its path (`set-and-get/set-and-get.ts`, the
 * name the grader gives the learner's file): a file: URI ending in .ts, so that the TypeScript
 * service treats the code as a module and finds ioredis under file:///node_modules.
 */
export const exerciseCodeUri = (path: string) => `file:///exercises/${path}`;

/** The path the workbench gives an exercise's code. */
export const exerciseCodePath = (exercise: string) => `${exercise}/${exercise}.ts`;
