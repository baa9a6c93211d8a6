/** What a learner does before an action: read a lesson, type code, or look at an answer. */
export type Pause = 'read' | 'type' | 'look';

export interface Pace {
  /** How long each pause lasts, drawn evenly from [min, max] ms. */
  pauses: Record<Pause, readonly [number, number]>;
  /** Whether a learner begins at a random step of its first exercise, or at its lesson page. */
  startAnywhere: boolean;
}

export const PACES = {
  /**
   * A person's pace: a lesson read before its console, code typed before it is saved, an answer
   * looked at before the next step; an exercise takes about three and a half minutes. Learners
   * begin anywhere in their first exercise, as a class that has been at work for a while is
   * spread over its exercises' steps.
   */
  class: {
    pauses: { read: [20_000, 60_000], type: [20_000, 90_000], look: [3_000, 15_000] },
    startAnywhere: true,
  },
  /** Every pause 1–4 s, an exercise in about 20 s: far faster than anyone works, to saturate. */
  stress: {
    pauses: { read: [1_000, 4_000], type: [1_000, 4_000], look: [1_000, 4_000] },
    startAnywhere: false,
  },
} as const satisfies Record<string, Pace>;

export type PaceName = keyof typeof PACES;

export function isPaceName(name: string): name is PaceName {
  return Object.hasOwn(PACES, name);
}

export function describePace(name: PaceName): string {
  const seconds = ([min, max]: readonly [number, number]) => `${min / 1000}–${max / 1000} s`;
  const { read, type, look } = PACES[name].pauses;
  return `${name} pace (reading ${seconds(read)}, typing ${seconds(type)}, looking at an answer ${seconds(look)})`;
}
