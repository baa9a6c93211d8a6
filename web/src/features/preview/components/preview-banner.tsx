import { useEffect, useRef } from 'react';
import { useLivePreview } from '../live-preview.ts';
import { CourseProblems } from './course-problems.tsx';

/**
 * In development mode, a bar saying the page follows the course's files, and what is wrong with
 * them: file, line and what, as `keyspace verify` would say it. Nothing otherwise.
 */
export function PreviewBanner() {
  const { watching, problems } = useLivePreview();
  const banner = useRef<HTMLElement>(null);
  const sticky = problems.length > 0;
  useEffect(() => (sticky && banner.current ? shareHeight(banner.current) : undefined), [sticky]);
  if (!watching && problems.length === 0) return null;
  return (
    <section
      ref={banner}
      className={sticky ? 'preview-banner has-problems' : 'preview-banner'}
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

/**
 * While the bar sticks to the top of the window (a problem to show), its height is the page's
 * `--preview-banner-height`: the exercises' sticky column starts below it, and a jump to the
 * exercise lands below it, rather than under it.
 */
function shareHeight(banner: HTMLElement): () => void {
  const root = document.documentElement;
  const observer = new ResizeObserver(() =>
    root.style.setProperty('--preview-banner-height', `${banner.offsetHeight}px`),
  );
  observer.observe(banner);
  return () => {
    observer.disconnect();
    root.style.removeProperty('--preview-banner-height');
  };
}
