import type { KeyView } from '../../../../../contracts/index.ts';
import { keyBytesUrl, MAX_KEY_CHARS } from '../api/get-keys.ts';

/** A key's value as its type reads best. Learner data: text, or the image its bytes are. */
export function KeyValue({ view: { key, value }, version }: { view: KeyView; version: number }) {
  switch (value.kind) {
    case 'text':
      return <pre className="key-value">{value.text}</pre>;
    case 'bytes':
      return (
        <p className="key-value">
          <code>{value.hex}</code> <span className="muted">({value.length} bytes)</span>
        </p>
      );
    case 'image':
      return (
        <figure className="key-value">
          {key.length <= MAX_KEY_CHARS && (
            <img src={keyBytesUrl(key, version)} alt={`Stored under ${key}`} />
          )}
          <figcaption className="muted">
            {value.mediaType}, {value.length} bytes
          </figcaption>
        </figure>
      );
    case 'hash':
      return <Pairs pairs={value.fields} length={value.length} headings={['Field', 'Value']} />;
    case 'list':
    case 'set': {
      const List = value.kind === 'list' ? 'ol' : 'ul';
      return (
        <List className="key-value">
          {value.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a list may hold the same item twice.
            <li key={index}>{item}</li>
          ))}
          {value.length > value.items.length && <li className="muted">…{value.length} in all</li>}
        </List>
      );
    }
    case 'zset':
      // Highest score first, as a leaderboard reads (the server sends them so).
      return <Pairs pairs={value.members} length={value.length} headings={['Member', 'Score']} />;
    case 'other':
      return <p className="key-value muted">a {value.type}</p>;
  }
}

/** A hash's fields and values, or a sorted set's members and scores, under their headings. */
function Pairs({
  pairs,
  length,
  headings,
}: {
  pairs: [string, string][];
  length: number;
  headings: [string, string];
}) {
  return (
    <table className="key-value">
      <thead>
        <tr>
          <th scope="col">{headings[0]}</th>
          <th scope="col">{headings[1]}</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map(([name, text], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two names may read alike once cut.
          <tr key={index}>
            <th scope="row">{name}</th>
            <td>{text}</td>
          </tr>
        ))}
        {length > pairs.length && (
          <tr>
            <td colSpan={2} className="muted">
              …{length} in all
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
