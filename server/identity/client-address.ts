import { isIPv6 } from 'node:net';
import type { Request, Response } from 'express';
import { learnerOf } from './learner-cookie.ts';

/** Who sends a request: the learner (by cookie) and the client address they count against. */
export interface Asker {
  learner: string;
  address: string;
}

/**
 * The learner and their address: what console sandboxes (ConsoleLimits) and turns at the
 * grader (FairTurns) are shared by, since cookies are free to make and addresses are not.
 */
export function askerOf(req: Request, res: Response): Asker {
  return { learner: learnerOf(res), address: addressOwner(req.ip ?? 'unknown') };
}

/**
 * Who holds an address: an IPv4 address (mapped into IPv6 or not) is one client, an IPv6 one is
 * its /64, which one client holds whole and can draw addresses from at will.
 */
export function addressOwner(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...front, ...Array(8 - front.length - back.length).fill('0'), ...back]
    : front;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
