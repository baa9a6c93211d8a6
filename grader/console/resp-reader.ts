/**
 * A reply as Redis sent it, RESP2 or RESP3, every type kept apart (a status is no bulk string, a
 * set no array) and every string as bytes: what redis-cli's printing needs, and nothing decoded.
 */
export type Reply =
  | { type: 'status' | 'error' | 'double' | 'big-number'; bytes: Buffer }
  | { type: 'integer'; value: bigint }
  | { type: 'nil' }
  | { type: 'boolean'; value: boolean }
  | StringReply
  | AggregateReply;

/** A bulk or verbatim string (its bytes after the verbatim format, "txt:"). */
export interface StringReply {
  type: 'string' | 'verbatim';
  bytes: Buffer;
  /** False while its bytes are still arriving, or when more came than were kept. */
  complete: boolean;
}

export interface AggregateReply {
  type: 'array' | 'map' | 'set' | 'push';
  /** Elements it has, as hiredis counts them: a map's keys and values both. */
  length: number;
  /** Those read so far; the last may still be arriving. */
  items: Reply[];
  complete: boolean;
}

/** Redis sent what is no RESP: hiredis's words for it. */
export class RespProtocolError extends Error {}

/** Types whose value is the rest of their line, by their first byte. */
const LINE_TYPES: Record<string, 'status' | 'error' | 'double' | 'big-number'> = {
  '+': 'status',
  '-': 'error',
  ',': 'double',
  '(': 'big-number',
};
const AGGREGATE_TYPES: Record<string, AggregateReply['type']> = {
  '*': 'array',
  '%': 'map',
  '~': 'set',
  '>': 'push',
};

interface Line {
  bytes: Buffer;
  /** False when it was longer than the reader keeps: `bytes` is its start. */
  whole: boolean;
}

interface Bulk {
  node: StringReply;
  /** Where the kept bytes go: at most `maxStringBytes`. */
  kept: Buffer;
  filled: number;
  /** Its length, as Redis announced it. */
  length: number;
  /** Bytes of content still to come, kept or not. */
  left: number;
  /** Bytes of the CRLF after the content still to come. */
  crlf: number;
}

/**
 * Reads RESP from a stream, chunk by chunk, into replies. A reply being read can be looked at as
 * far as it has come (`partial`), and no string keeps more than `maxStringBytes`: a console that
 * prints at most so much never holds a huge reply whole.
 */
export class RespReader {
  /** Replies read whole, oldest first. */
  readonly replies: Reply[] = [];
  /** Bytes of the reply being read that have arrived. */
  bytesInReply = 0;
  /** The first byte of the item being read, once read. */
  private type?: string;
  private line: Buffer[] = [];
  private lineLength = 0;
  private bulk?: Bulk;
  private readonly open: AggregateReply[] = [];
  private root?: Reply;

  constructor(private readonly maxStringBytes: number) {}

  /** The reply being read, as far as it has come; undefined between replies. */
  get partial(): Reply | undefined {
    return this.root;
  }

  feed(chunk: Buffer): void {
    let at = 0;
    let replyStart = 0;
    while (at < chunk.length) {
      if (this.bulk) {
        at = this.readBulk(chunk, at);
      } else if (this.type === undefined) {
        this.type = String.fromCharCode(chunk[at] as number);
        at += 1;
      } else {
        const end = chunk.indexOf(0x0a, at);
        if (end === -1) {
          this.keepLine(chunk.subarray(at));
          break;
        }
        const line = this.takeLine(chunk.subarray(at, end));
        const type = this.type;
        this.type = undefined;
        at = this.readItem(type, line, chunk, end + 1);
      }
      if (this.root === undefined && this.type === undefined) {
        this.bytesInReply = 0;
        replyStart = at;
      }
    }
    this.bytesInReply += chunk.length - replyStart;
  }

  /** Keeps a line's start that came in an earlier chunk (socket chunks are never reused). */
  private keepLine(part: Buffer): void {
    const room = this.maxStringBytes - this.lineLength;
    if (room > 0) this.line.push(part.subarray(0, room));
    this.lineLength += part.length;
  }

  /** The line that `last` ends, without its CRLF (hiredis reads lines up to "\r\n"). */
  private takeLine(last: Buffer): Line {
    const length = this.lineLength + last.length;
    let bytes = last;
    if (this.lineLength > 0) {
      this.keepLine(last);
      bytes = Buffer.concat(this.line);
    }
    this.line = [];
    this.lineLength = 0;
    // The CR is one byte more than the line's own.
    if (length > this.maxStringBytes + 1) {
      return { bytes: bytes.subarray(0, this.maxStringBytes), whole: false };
    }
    if (bytes.at(-1) !== 0x0d) throw new RespProtocolError('Protocol error: no CRLF');
    return { bytes: bytes.subarray(0, -1), whole: true };
  }

  /** Reads the item a line begins; answers where in `chunk` what follows it starts. */
  private readItem(type: string, { bytes, whole }: Line, chunk: Buffer, at: number): number {
    const lineType = LINE_TYPES[type];
    if (lineType) {
      this.add({ type: lineType, bytes });
      return at;
    }
    if (type === ':') {
      this.add({ type: 'integer', value: BigInt(number(bytes, 'Bad integer value')) });
      return at;
    }
    if (type === '_') {
      if (bytes.length > 0) throw new RespProtocolError('Bad nil value');
      this.add({ type: 'nil' });
      return at;
    }
    if (type === '#') {
      const value = bytes.length === 1 ? String.fromCharCode(bytes[0] as number) : '';
      if (!/^[tTfF]$/.test(value)) throw new RespProtocolError('Bad bool value');
      this.add({ type: 'boolean', value: value === 't' || value === 'T' });
      return at;
    }
    if (!whole) throw new RespProtocolError('Protocol error: header too long');
    if (type === '$' || type === '=') {
      const length = Number(number(bytes, 'Bad bulk string length'));
      if (length === -1) {
        this.add({ type: 'nil' });
        return at;
      }
      if (length < 0) throw new RespProtocolError('Bulk string length out of range');
      const stringType = type === '$' ? 'string' : 'verbatim';
      // Most strings arrive whole within one chunk: they are read where they lie.
      if (at + length + 2 <= chunk.length && length <= this.maxStringBytes) {
        const content = chunk.subarray(at, at + length);
        checkVerbatim(stringType, content);
        const skipped = stringType === 'verbatim' ? 4 : 0;
        this.add({ type: stringType, bytes: content.subarray(skipped), complete: true });
        return at + length + 2;
      }
      const kept = Buffer.allocUnsafe(Math.min(length, this.maxStringBytes));
      const node: StringReply = { type: stringType, bytes: kept.subarray(0, 0), complete: false };
      this.bulk = { node, kept, filled: 0, length, left: length, crlf: 2 };
      this.attach(node);
      return at;
    }
    const aggregate = AGGREGATE_TYPES[type];
    if (!aggregate) {
      throw new RespProtocolError(`Protocol error, got ${JSON.stringify(type)} as reply type byte`);
    }
    const count = Number(number(bytes, 'Bad multi-bulk length'));
    if (count === -1) {
      this.add({ type: 'nil' });
      return at;
    }
    if (count < 0) throw new RespProtocolError('Multi-bulk length out of range');
    const length = aggregate === 'map' ? count * 2 : count;
    const node: AggregateReply = { type: aggregate, length, items: [], complete: length === 0 };
    if (length === 0) {
      this.add(node);
      return at;
    }
    this.attach(node);
    this.open.push(node);
    return at;
  }

  private readBulk(chunk: Buffer, at: number): number {
    const bulk = this.bulk as Bulk;
    const content = Math.min(bulk.left, chunk.length - at);
    const kept = Math.min(bulk.kept.length - bulk.filled, content);
    chunk.copy(bulk.kept, bulk.filled, at, at + kept);
    bulk.filled += kept;
    bulk.left -= content;
    const { node } = bulk;
    // A verbatim string's first 4 bytes name its format ("txt:"): hiredis keeps them apart.
    const format = node.type === 'verbatim' ? 4 : 0;
    node.bytes = bulk.kept.subarray(Math.min(format, bulk.filled), bulk.filled);
    let next = at + content;
    // hiredis skips the CRLF after the content without looking at it.
    if (bulk.left === 0) {
      const crlf = Math.min(bulk.crlf, chunk.length - next);
      bulk.crlf -= crlf;
      next += crlf;
    }
    if (bulk.left > 0 || bulk.crlf > 0) return next;
    this.bulk = undefined;
    checkVerbatim(node.type, bulk.kept);
    node.complete = bulk.filled === bulk.length;
    this.finish();
    return next;
  }

  /** A reply read whole at once: attached and finished. */
  private add(node: Reply): void {
    this.attach(node);
    this.finish();
  }

  /** A reply begins: the next element of the aggregate being read, or a reply of its own. */
  private attach(node: Reply): void {
    const parent = this.open.at(-1);
    if (parent) parent.items.push(node);
    else this.root = node;
  }

  /** The element begun last is whole: so is each aggregate it fills, and maybe the reply. */
  private finish(): void {
    for (;;) {
      const parent = this.open.at(-1);
      if (!parent) break;
      if (parent.items.length < parent.length) return;
      parent.complete = true;
      this.open.pop();
    }
    if (this.root) this.replies.push(this.root);
    this.root = undefined;
  }
}

/** hiredis's string2ll: a whole signed decimal number, nothing else (its text). */
function number(bytes: Buffer, message: string): string {
  const text = bytes.toString('latin1');
  if (!/^-?\d+$/.test(text)) throw new RespProtocolError(message);
  return text;
}

/** A verbatim string starts with its format and a colon ("txt:"), as hiredis insists. */
function checkVerbatim(type: StringReply['type'], content: Buffer): void {
  if (type === 'verbatim' && (content.length < 4 || content[3] !== 0x3a)) {
    throw new RespProtocolError(
      'Verbatim string 4 bytes of content type are missing or incorrectly encoded.',
    );
  }
}
