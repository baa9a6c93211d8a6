import type { CourseProblem } from '../live-preview.ts';

/**
 * What is wrong with the course's files: file, line and what, as `keyspace verify` would say it.
 * The live preview's bar lists them as they are saved; a page that cannot load shows its own.
 */
export function CourseProblems({ problems }: { problems: CourseProblem[] }) {
  return (
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
  );
}
