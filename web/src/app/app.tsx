import { Link, Route, Switch, useLocation } from 'wouter';
import { CourseMap } from '../features/course/components/course-map.tsx';
import { FinishPage } from '../features/finish/components/finish-page.tsx';
import { InstructorPage } from '../features/instructor/components/instructor-page.tsx';
import { LessonPage } from '../features/lesson/components/lesson-page.tsx';
import { PlaygroundPage } from '../features/playground/components/playground-page.tsx';
import { PreviewBanner } from '../features/preview/components/preview-banner.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { NotFound } from './not-found.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function App() {
  const [location] = useLocation();
  return (
    <>
      {location.startsWith('/lessons/') && (
        // A lesson page's exercise comes after the whole lesson and its blocks: many Tabs away.
        <a className="skip-link" href="#exercises">
          Skip to the exercise
        </a>
      )}
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
          <Route path="/finish">
            <FinishPage />
          </Route>
          <Route path="/instructor">
            <InstructorPage />
          </Route>
          <Route path="/playground">
            <PlaygroundPage />
          </Route>
          <Route>
            <NotFound title="Page not found" />
          </Route>
        </Switch>
      </ErrorBoundary>
    </>
  );
}
