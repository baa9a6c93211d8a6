import { useState } from 'react';
import { signOutOthers } from '../api/sign-out-others.ts';

type State = { step: 'ready' | 'signing-out' | 'done' } | { step: 'failed'; message: string };

/**
 * There is no account: a cookie of this browser's is the learner. This is how a learner who
 * used a shared or lost computer takes their progress back from it.
 */
export function SignOutOthers() {
  const [state, setState] = useState<State>({ step: 'ready' });
  const signOut = async () => {
    setState({ step: 'signing-out' });
    try {
      await signOutOthers();
      setState({ step: 'done' });
    } catch (error) {
      setState({ step: 'failed', message: (error as Error).message });
    }
  };
  return (
    <section className="this-browser" aria-labelledby="this-browser-title">
      <h2 id="this-browser-title">Your progress and this browser</h2>
      <p>
        There is no account to sign in to: your progress belongs to a cookie this browser keeps. If
        another browser may have a copy of it (a shared or a lost computer), sign that browser out.
        Only this one keeps your progress.
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          disabled={state.step === 'signing-out'}
          onClick={signOut}
        >
          Sign out other browsers
        </button>
      </p>
      {state.step === 'done' && (
        <p role="status">
          Done: any other browser with a copy of your cookie no longer reaches your progress.
        </p>
      )}
      {state.step === 'failed' && (
        <p className="error" role="alert">
          Other browsers could not be signed out: {state.message}
        </p>
      )}
    </section>
  );
}
