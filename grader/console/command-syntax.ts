/** One argument of a command, as COMMAND DOCS describes it (its map, read into an object). */
export interface ArgumentDoc {
  name: string;
  type: string;
  token?: string;
  flags: string[];
  arguments: ArgumentDoc[];
}

/**
 * A command's arguments written as Redis's documentation writes them: `[…]` around what may be
 * left out, `<a | b>` around a required choice, `x [x ...]` for what repeats.
 */
export function commandSyntax(name: string, args: readonly ArgumentDoc[]): string {
  return [name, ...args.map(argumentSyntax)].join(' ');
}

function argumentSyntax(arg: ArgumentDoc): string {
  const flags = new Set(arg.flags);
  let body = bodyOf(arg);
  if (arg.type === 'oneof' && !flags.has('optional') && arg.arguments.length > 1) {
    body = `<${body}>`;
  }
  // A token written once before its values (STREAMS key [key ...]) or with each (GET pattern
  // [GET pattern ...]).
  const token = arg.token && arg.type !== 'pure-token' ? `${arg.token} ` : '';
  let syntax: string;
  if (flags.has('multiple') && flags.has('multiple_token')) {
    syntax = `${token}${body} [${token}${body} ...]`;
  } else if (flags.has('multiple')) {
    syntax = `${token}${body} [${body} ...]`;
  } else {
    syntax = `${token}${body}`;
  }
  return flags.has('optional') ? `[${syntax}]` : syntax;
}

function bodyOf(arg: ArgumentDoc): string {
  switch (arg.type) {
    case 'pure-token':
      return arg.token ?? arg.name;
    case 'oneof':
      return arg.arguments.map(argumentSyntax).join(' | ');
    case 'block':
      return arg.arguments.map(argumentSyntax).join(' ');
    default:
      return arg.name;
  }
}
