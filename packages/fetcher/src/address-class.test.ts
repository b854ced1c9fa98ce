import { describe, expect, it } from 'vitest';
import { blockedAddressClass } from './address-class.ts';

describe('blockedAddressClass', () => {
  it.each([
    ['127.0.0.1', 'loopback IPv4'],
    ['10.1.2.3', 'private IPv4'],
    ['172.16.0.1', 'private IPv4'],
    ['192.168.0.1', 'private IPv4'],
    ['169.254.169.254', 'linkLocal IPv4'],
    ['100.64.0.1', 'carrierGradeNat IPv4'],
    ['0.0.0.0', 'unspecified IPv4'],
    ['224.0.0.251', 'multicast IPv4'],
    ['255.255.255.255', 'broadcast IPv4'],
    ['203.0.113.9', 'reserved IPv4'],
    ['::1', 'loopback IPv6'],
    ['::', 'unspecified IPv6'],
    ['fe80::1', 'linkLocal IPv6'],
    ['fd00::1', 'uniqueLocal IPv6'],
    ['ff02::1', 'multicast IPv6'],
    ['2001:db8::1', 'reserved IPv6'],
    ['::ffff:127.0.0.1', 'loopback IPv4 wrapped in ipv4Mapped IPv6'],
    ['::ffff:0:10.0.0.1', 'private IPv4 wrapped in rfc6145 IPv6'],
    ['64:ff9b::192.168.1.1', 'private IPv4 wrapped in rfc6052 IPv6'],
    ['64:ff9b:1::1', 'rfc6052 IPv6'],
    ['2002:a9fe:a9fe::1', 'linkLocal IPv4 wrapped in 6to4 IPv6'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo IPv6'],
    ['::7f00:1', 'non-global IPv6'], // IPv4-compatible ::127.0.0.1, as URL parsing spells it
    ['::a00:1', 'non-global IPv6'],
    ['4000::1', 'non-global IPv6'],
    ['100::1', 'discard IPv6'],
    ['not-an-ip', 'unparseable address'],
  ])('blocks %s as %s', (address, expected) => {
    expect(blockedAddressClass(address)).toBe(expected);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34', '64:ff9b::808:808', '2002:5db8:d822::1'])(
    'allows public %s',
    (address) => {
      expect(blockedAddressClass(address)).toBeNull();
    },
  );
});
