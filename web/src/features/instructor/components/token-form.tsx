import { type FormEvent, useState } from 'react';

/** Asks for the instructor token; `problem` says why the last one did not open the view. */
export function TokenForm(props: { problem?: string; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) props.onToken(token.trim());
  };
  return (
    <form className="token-form" onSubmit={submit}>
      <label htmlFor="instructor-token">Instructor token</label>
      <div className="token-row">
        <input
          id="instructor-token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={
            props.problem
              ? 'instructor-token-problem instructor-token-help'
              : 'instructor-token-help'
          }
          aria-invalid={props.problem ? true : undefined}
        />
        <button type="submit">Open the view</button>
      </div>
      <p id="instructor-token-help" className="muted">
        The value of <code>KEYSPACE_INSTRUCTOR_TOKEN</code> the server was started with. This tab
        keeps it until you close it or forget it.
      </p>
      {props.problem && (
        <p id="instructor-token-problem" className="error" role="alert">
          {props.problem}
        </p>
      )}
    </form>
  );
}
