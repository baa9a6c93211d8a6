import { useEffect, useRef, useState } from 'react';
import { useConsole } from '../console-context.tsx';

/**
 * "Empty my Redis", once confirmed: every key, script and function goes. Every lesson starts from
 * an empty Redis, so this is also the start of any lesson.
 */
export function EmptyRedis() {
  const { reset } = useConsole();
  const [step, setStep] = useState<'idle' | 'confirming' | 'emptying'>('idle');
  const confirm = useRef<HTMLButtonElement>(null);
  // The button pressed is replaced by the question: the focus goes to its answer.
  useEffect(() => {
    if (step === 'confirming') confirm.current?.focus();
  }, [step]);

  const empty = async () => {
    setStep('emptying');
    // The console's history says how it went, or what went wrong.
    await reset().catch(() => {});
    setStep('idle');
  };

  if (step === 'idle') {
    return (
      <button type="button" className="empty-redis secondary" onClick={() => setStep('confirming')}>
        Empty my Redis
      </button>
    );
  }
  return (
    <fieldset className="empty-redis">
      <legend>
        Remove every key, script and function? Each lesson starts from an empty Redis.
      </legend>
      <button type="button" ref={confirm} onClick={empty} disabled={step === 'emptying'}>
        {step === 'emptying' ? 'Emptying…' : 'Empty it'}
      </button>
      <button type="button" onClick={() => setStep('idle')} disabled={step === 'emptying'}>
        Keep my keys
      </button>
    </fieldset>
  );
}
