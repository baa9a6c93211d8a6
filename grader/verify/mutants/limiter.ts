/**
 * Runs at most `concurrency` tasks at once, the others in the order they were handed in: as many
 * gradings as the grader has workers, so that none waits inside the grader holding a slot.
 */
export function limiter(concurrency: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next task, so a task handed in meanwhile cannot take it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
