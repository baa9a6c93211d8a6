import { describe, expect, it } from 'vitest';
import { addressOwner } from './client-address.ts';

describe('the address a console sandbox counts against', () => {
  it('is an IPv4 address itself, mapped into IPv6 or not', () => {
    expect(addressOwner('203.0.113.5')).toBe('203.0.113.5');
    expect(addressOwner('::ffff:203.0.113.5')).toBe('203.0.113.5');
  });

  it("is an IPv6 address's /64, however it is written", () => {
    const owner = '2001:db8:0:1::/64';
    expect(addressOwner('2001:db8:0:1::1')).toBe(owner);
    expect(addressOwner('2001:0db8:0000:0001:ffff:ffff:ffff:fffe')).toBe(owner);
    expect(addressOwner('2001:DB8:0:1:a::')).toBe(owner);
    expect(addressOwner('2001:db8:0:2::1')).not.toBe(owner);
    expect(addressOwner('::1')).toBe('0:0:0:0::/64');
  });
});
