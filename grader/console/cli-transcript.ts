import { StringDecoder } from 'node:string_decoder';

/**
 * What a console run printed, as the learner reads it: redis-cli's bytes decoded as UTF-8 (a
 * terminal's reading), cut at `max` characters.
 */
export class CliTranscript {
  private text = '';
  private readonly decoder = new StringDecoder('utf8');
  /** It reached `max`: the rest was not printed. */
  cut = false;

  constructor(private readonly max: number) {}

  /** Prints bytes (one character each, latin1); false once the transcript is cut. */
  print(bytes: string): boolean {
    if (this.cut) return false;
    this.text += this.decoder.write(Buffer.from(bytes, 'latin1'));
    if (this.text.length <= this.max) return true;
    this.text = this.text.slice(0, this.max);
    this.cut = true;
    return false;
  }

  /**
   * Whether printing `bytes` surely reaches the cut: then the start of a reply still arriving is
   * all that will show of it. (A character or two may join across the seam: hence the margin.)
   */
  fills(bytes: string): boolean {
    return this.text.length + Buffer.from(bytes, 'latin1').toString('utf8').length > this.max + 4;
  }

  /** The text printed, a character cut short at the end shown as U+FFFD as a terminal would. */
  end(): string {
    return this.cut ? this.text : this.text + this.decoder.end();
  }
}
