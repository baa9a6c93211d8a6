import { Link } from 'wouter';
import { KeyBrowser } from '../../console/components/key-browser.tsx';
import { RedisConsole } from '../../console/components/redis-console.tsx';
import { ConsoleProvider } from '../../console/console-context.tsx';

/**
 * The console and the key browser on a page of their own, for trying commands outside a lesson:
 * the same Redis as the lessons' console, so the keys are those the learner made there.
 */
export function PlaygroundPage() {
  return (
    <main className="playground">
      <nav className="breadcrumbs">
        <Link href="/">Course</Link>
      </nav>
      <h1>Playground</h1>
      <p className="lead">
        Try any command in your own Redis, the same one the console of each lesson uses. FLUSHALL
        empties it.
      </p>
      <ConsoleProvider>
        <div className="playground-panes">
          <RedisConsole />
          <KeyBrowser />
        </div>
      </ConsoleProvider>
    </main>
  );
}
