import { useLivePreview } from '../live-preview.ts';

/**
 * In development mode, a bar saying the page follows the course's files, and what is wrong with
 * them: file, line and what, as `keyspace verify` would say it. Nothing otherwise.
 */
export function PreviewBanner() {
  const { watching, problems } = useLivePreview();
  if (!watching && problems.length === 0) return null;
  return (
    <section className="preview-banner" aria-label="Live preview">
      <p className="preview-status" role="status">
        {watching
          ? 'Live preview: this page updates when you save a course file.'
          : 'Live preview: reconnecting to the server…'}
        {problems.length === 0 ? ' The course files look fine.' : ''}
      </p>
      {problems.length > 0 && (
        <div role="alert">
          <p className="preview-problems-title">
            {problems.length === 1
              ? 'A course file has a problem:'
              : `Course files have ${problems.length} problems:`}
          </p>
          <ul className="preview-problems">
            {problems.map(({ file, line, message }) => (
              <li key={`${file}:${line ?? ''}:${message}`}>
                <code>
                  {file}
                  {line === undefined ? '' : `:${line}`}
                </code>{' '}
                <span className="preview-problem-message">{message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
