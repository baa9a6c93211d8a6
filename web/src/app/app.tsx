import { Link, Route, Switch, useLocation } from 'wouter';
import { CourseMap } from '../features/course/components/course-map.tsx';
import { InstructorPage } from '../features/instructor/components/instructor-page.tsx';
import { LessonPage } from '../features/lesson/components/lesson-page.tsx';
import { PreviewBanner } from '../features/preview/components/preview-banner.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function App() {
  const [location] = useLocation();
  return (
    <>
      <header className="site-header">
        <Link href="/" className="brand">
          Keyspace
        </Link>
        <ThemeToggle />
      </header>
      <PreviewBanner />
      {/* Keyed by the address: moving to another page clears an error shown for the last one. */}
      <ErrorBoundary key={location}>
        <Switch>
          <Route path="/">
            <CourseMap />
          </Route>
          <Route path="/lessons/:id">{(params) => <LessonPage id={params.id} />}</Route>
          <Route path="/instructor">
            <InstructorPage />
          </Route>
          <Route>
            <main>
              <h1>Page not found</h1>
              <p>
                <Link href="/">Back to the course</Link>
              </p>
            </main>
          </Route>
        </Switch>
      </ErrorBoundary>
    </>
  );
}
