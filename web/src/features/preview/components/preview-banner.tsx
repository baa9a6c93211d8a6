import { useLivePreview } from '../live-preview.ts';
import { CourseProblems } from './course-problems.tsx';

/**
 * In development mode, a bar saying the page follows the course's files, and what is wrong with
 * them: file, line and what, as `keyspace verify` would say it. Nothing otherwise.
 */
export function PreviewBanner() {
  const { watching, problems } = useLivePreview();
  if (!watching && problems.length === 0) return null;
  return (
    <section
      className={problems.length > 0 ? 'preview-banner has-problems' : 'preview-banner'}
      aria-label="Live preview"
    >
      <p className="preview-status" role="status">
        {watching
          ? 'Live preview: this page updates when you save a course file.'
          : 'Live preview: reconnecting to the server…'}
        {problems.length === 0 ? ' The course files look fine.' : ''}
      </p>
      {problems.length > 0 && <CourseProblems problems={problems} />}
    </section>
  );
}
