import { api } from '../../../lib/api-client.ts';

/** A command the console runs, in Redis's own words (grader/console/command-docs.ts). */
export interface CommandDoc {
  /** Upper case; a subcommand after its container's name: "OBJECT ENCODING". */
  name: string;
  summary: string;
  /** "SET key value [NX | XX] …": `[…]` may be left out, `<a | b>` is a choice. */
  syntax: string;
  /** What to use instead, when Redis deprecates the command. */
  replacedBy?: string;
}

export const getCommandDocs = () => api<{ commands: CommandDoc[] }>('/console/commands');
