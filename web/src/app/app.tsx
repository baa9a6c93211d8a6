import { Link, Route, Switch } from 'wouter';
import { CourseMap } from '../features/course/components/course-map.tsx';
import { LessonPage } from '../features/lesson/components/lesson-page.tsx';

export function App() {
  return (
    <>
      <header className="site-header">
        <Link href="/" className="brand">
          Keyspace
        </Link>
      </header>
      <Switch>
        <Route path="/">
          <CourseMap />
        </Route>
        <Route path="/lessons/:id">{(params) => <LessonPage id={params.id} />}</Route>
        <Route>
          <main>
            <h1>Page not found</h1>
            <p>
              <Link href="/">Back to the course</Link>
            </p>
          </main>
        </Route>
      </Switch>
    </>
  );
}
