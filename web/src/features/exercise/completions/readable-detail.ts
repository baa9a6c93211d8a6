/**
 * A completion's signature line as a details pane can show it. TypeScript names ioredis's
 * commands `(method) RedisCommander<{ type: "default"; mapping: "resp2"; }>.set(…)`: the owner's
 * type arguments go (an owner without any, `Math.max`, says something and stays). And of a
 * method with overloads it shows the first declared, for SET one with EX, NX and GET, as if
 * those were needed: the parameters go too, and the signature help shows each overload once the
 * learner types `(`.
 */
export function readableDetail(detail: string): string {
  const named = withoutGenericOwner(detail);
  const overloads = / \(\+\d+ overloads?\)$/.exec(named);
  const kind = /^\([\w ]+\) /.exec(named);
  if (!overloads || !kind) return named;
  const parameters = named.indexOf('(', kind[0].length);
  return parameters < 0 ? named : `${named.slice(0, parameters)}(…)${overloads[0]}`;
}

function withoutGenericOwner(detail: string): string {
  const owner = /^(\([\w ]+\) )([\w$]+)</.exec(detail);
  if (!owner) return detail;
  const [head, kind] = owner;
  let depth = 0;
  for (let at = head.length - 1; at < detail.length; at++) {
    if (detail[at] === '<') depth++;
    else if (detail[at] === '>') depth--;
    if (depth > 0) continue;
    return detail[at + 1] === '.' ? `${kind}${detail.slice(at + 2)}` : detail;
  }
  return detail;
}
