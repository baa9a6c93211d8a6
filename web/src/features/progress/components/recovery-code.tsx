import { type FormEvent, useState } from 'react';
import { makeRecoveryCode } from '../api/make-recovery-code.ts';
import { recoverProgress } from '../api/recover-progress.ts';

type Made =
  | { step: 'none' | 'making' }
  | { step: 'made'; code: string; copied?: boolean }
  | { step: 'failed'; message: string };

/**
 * There is no account to sign in to elsewhere: a recovery code, made here and typed on another
 * device, carries the learner there. The server shows a code once and keeps only its digest.
 */
export function MakeRecoveryCode() {
  const [made, setMade] = useState<Made>({ step: 'none' });
  const make = async () => {
    setMade({ step: 'making' });
    try {
      setMade({ step: 'made', code: (await makeRecoveryCode()).code });
    } catch (error) {
      setMade({ step: 'failed', message: (error as Error).message });
    }
  };
  const copy = async (code: string) => {
    await navigator.clipboard.writeText(code).catch(() => undefined);
    setMade({ step: 'made', code, copied: true });
  };
  return (
    <div className="recovery">
      <h3>Continue on another device</h3>
      <p>
        Make a recovery code and type it on the other device, on this page there. It is shown only
        once: keep it somewhere safe, since whoever has it continues as you. A new code, or signing
        out other browsers, ends the one before.
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          disabled={made.step === 'making'}
          onClick={make}
        >
          {made.step === 'made' ? 'Make a new recovery code' : 'Make a recovery code'}
        </button>
      </p>
      {made.step === 'made' && (
        <div className="recovery-made" role="status">
          <p>
            Your recovery code: <code className="recovery-code">{made.code}</code>{' '}
            <button type="button" className="secondary" onClick={() => copy(made.code)}>
              {made.copied ? 'Copied' : 'Copy'}
              <span className="visually-hidden"> the recovery code</span>
            </button>
          </p>
        </div>
      )}
      {made.step === 'failed' && (
        <p className="error" role="alert">
          No code could be made: {made.message}
        </p>
      )}
    </div>
  );
}

/** The other end: this browser becomes the learner whose code is typed. */
export function EnterRecoveryCode() {
  const [code, setCode] = useState('');
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true });
    try {
      await recoverProgress(code);
      // Every part of the page loaded this browser's old progress: start afresh as the learner.
      window.location.assign('/');
    } catch (error) {
      setState({ busy: false, message: (error as Error).message });
    }
  };
  return (
    <form className="recovery recovery-form" onSubmit={submit}>
      <h3>Continue from another device</h3>
      <p>
        Type the recovery code you made on the device that has your progress. This browser then
        shows that progress; what it had before is left behind.
      </p>
      <label htmlFor="recovery-code-input">Recovery code</label>
      <div className="recovery-row">
        <input
          id="recovery-code-input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={100}
          required
          aria-describedby={state.message ? 'recovery-code-problem' : undefined}
        />
        <button type="submit" disabled={state.busy}>
          Continue with this code
        </button>
      </div>
      {state.message && (
        <p id="recovery-code-problem" className="error" role="alert">
          That code did not work: {state.message}
        </p>
      )}
    </form>
  );
}
