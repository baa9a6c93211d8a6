import { useState } from 'react';
import { signOutOthers } from '../api/sign-out-others.ts';

type State = { step: 'ready' | 'signing-out' | 'done' } | { step: 'failed'; message: string };

/** How a learner who used a shared or lost computer takes their progress back from it. */
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
    <div className="sign-out-others">
      <h3>Sign out other browsers</h3>
      <p>
        If another browser may have a copy of this one's cookie (a shared or a lost computer), sign
        it out: only this browser then keeps your progress.
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
          Done: any other browser with a copy of your cookie, or that used your recovery code, no
          longer reaches your progress. Your recovery code no longer works: make a new one to
          continue on another device.
        </p>
      )}
      {state.step === 'failed' && (
        <p className="error" role="alert">
          Other browsers could not be signed out: {state.message}
        </p>
      )}
    </div>
  );
}
