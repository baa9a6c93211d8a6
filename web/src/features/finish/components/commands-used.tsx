import type { SolutionCommands } from '../../../../../contracts/index.ts';
import { LoadState } from '../../../app/load-state.tsx';
import type { Loadable } from '../../../lib/use-api.ts';

/** The Redis commands the learner's passing code calls, as the server read them from it. */
export function CommandsUsed({ commands }: { commands: Loadable<SolutionCommands> }) {
  return (
    <section aria-labelledby="finish-commands-title">
      <h2 id="finish-commands-title">Redis commands your passing code calls</h2>
      <LoadState loadable={commands}>
        {({ solutions, commands }) =>
          solutions === 0 ? (
            <p>None yet: they show here once you pass an exercise.</p>
          ) : (
            <>
              <p className="muted">
                {commands.length} command{commands.length === 1 ? '' : 's'}, read from the code of
                your newest passing submission of each exercise ({solutions} in all).
              </p>
              <ul className="command-list">
                {commands.map(({ name, exercises }) => (
                  <li key={name}>
                    <code>{name}</code>{' '}
                    <span className="muted">
                      in {exercises.length} exercise{exercises.length === 1 ? '' : 's'}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </LoadState>
    </section>
  );
}
