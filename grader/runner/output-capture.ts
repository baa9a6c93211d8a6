const TRUNCATED = '\n… [output truncated: your code printed more than the sandbox keeps]';

/** Collects what learner code prints, up to a cap, and says visibly when it cut. */
export class OutputCapture {
  private text = '';
  private truncated = false;

  constructor(private readonly maxChars: number) {}

  readonly print = (level: string, line: string): void => {
    if (this.truncated) return;
    const entry = `${level === 'log' || level === 'info' ? '' : `[${level}] `}${line}\n`;
    if (this.text.length + entry.length > this.maxChars) {
      this.text += entry.slice(0, this.maxChars - this.text.length);
      this.truncated = true;
      return;
    }
    this.text += entry;
  };

  /** The output since the last take, or undefined when there was none. */
  take(): string | undefined {
    const output = this.truncated ? this.text + TRUNCATED : this.text;
    this.text = '';
    this.truncated = false;
    return output || undefined;
  }
}
