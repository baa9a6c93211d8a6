import { EnterRecoveryCode, MakeRecoveryCode } from './recovery-code.tsx';
import { SignOutOthers } from './sign-out-others.tsx';

/** Where the learner's progress lives, with no account: this browser, and the ways around that. */
export function YourDevices() {
  return (
    <section className="this-browser" aria-labelledby="this-browser-title">
      <h2 id="this-browser-title">Your progress and this browser</h2>
      <p>
        There is no account to sign in to: your progress belongs to a cookie this browser keeps.
      </p>
      <MakeRecoveryCode />
      <EnterRecoveryCode />
      <SignOutOthers />
    </section>
  );
}
