import { Component, type ReactNode } from 'react';

interface State {
  error?: Error;
}

/** A rendering error shows what went wrong and a way on, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="page-error" role="alert">
        <h1>This page ran into a problem</h1>
        <p>
          Something in Keyspace itself went wrong while showing this page. The code and progress the
          server saved for you are safe there.
        </p>
        <pre>{error.message}</pre>
        <p>
          <a href="/">Back to the course</a> ·{' '}
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      </main>
    );
  }
}
