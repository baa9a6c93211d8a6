import type { ReactNode } from 'react';
import type { RedisActivity } from '../../../../../contracts/index.ts';

interface Props {
  activity: RedisActivity;
  /** The learner's file as the grader names it: a place elsewhere is no line of theirs. */
  file: string;
  /** Puts the learner's cursor at a line of their code. */
  onGoToLine: (line: number) => void;
}

/**
 * What the learner's code did to Redis during one check: the commands it sent, each with the line
 * that sent it, and the keys before its code ran and as the check left them. Text only: every
 * string here came from learner code.
 */
export function RedisActivityView({ activity, file, onGoToLine }: Props) {
  const { commands, moreCommands, keys, moreKeys } = activity;
  const clients = new Set(commands.map(({ client }) => client)).size;
  return (
    <div className="redis-activity">
      <h4>What your code did to Redis</h4>
      {commands.length === 0 ? (
        <p className="muted">It sent no command during this check.</p>
      ) : (
        <ol className="sent-commands">
          {commands.map(({ command, client, batch, location }, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same command may be sent twice.
            <li key={index}>
              <code>{command}</code>
              {(clients > 1 || batch !== undefined) && (
                <span className="muted">
                  {[clients > 1 && `client ${client}`, batch !== undefined && `batch ${batch}`]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              )}
              {location?.file === file && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onGoToLine(location.line)}
                >
                  line {location.line}
                  <span className="visually-hidden"> of your code</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {moreCommands !== undefined && <p className="muted">…and {moreCommands} more not listed.</p>}
      {keys && (
        <table className="key-changes">
          <caption>
            Keys when the check first called your code, and when it ended
            {keys.length === 0 && ': none'}
          </caption>
          {keys.length > 0 && (
            <>
              <thead>
                <tr>
                  <th scope="col">key</th>
                  <th scope="col">before</th>
                  <th scope="col">after</th>
                </tr>
              </thead>
              <tbody>
                {keys.map(({ key, before, after }) => (
                  <tr key={key} className={before === after ? undefined : 'changed'}>
                    <th scope="row">
                      <code>{breakableKey(key)}</code>
                    </th>
                    <td>{before === undefined ? <em>none</em> : <code>{before}</code>}</td>
                    <td>
                      {after === undefined ? <em>none</em> : <code>{after}</code>}
                      {before !== after && <span className="visually-hidden"> (changed)</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
        </table>
      )}
      {moreKeys !== undefined && <p className="muted">…and {moreKeys} more keys.</p>}
    </div>
  );
}

/**
 * A key with a line-break opportunity after each `:`, so that a narrow column breaks
 * `cache:forecast:Zdsxo-vza` between its parts rather than mid-word.
 */
function breakableKey(key: string): ReactNode[] {
  return key.split(/(?<=:)/).flatMap((part, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one key, in order, never move.
    index === 0 ? [part] : [<wbr key={index} />, part],
  );
}
