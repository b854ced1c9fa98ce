import ipaddr from 'ipaddr.js';

// Deny by default: an address is fetchable only when ipaddr.js calls it plain `unicast`
// (and, for IPv6, it lies in global unicast 2000::/3). Transition formats that carry an
// IPv4 address inside an IPv6 one are unwrapped and judged by the IPv4 they carry, so
// `::ffff:127.0.0.1` or `64:ff9b::10.0.0.1` cannot smuggle a private target through.

/** A human-readable class when the address must not be fetched, else null. */
export function blockedAddressClass(address: string): string | null {
  if (!ipaddr.isValid(address)) return `unparseable address`;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4'
    ? classifyV4(parsed as ipaddr.IPv4)
    : classifyV6(parsed as ipaddr.IPv6);
}

function classifyV4(ip: ipaddr.IPv4): string | null {
  const range = ip.range();
  return range === 'unicast' ? null : `${range} IPv4`;
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

function classifyV6(ip: ipaddr.IPv6): string | null {
  const range: string = ip.range();
  const embedded = embeddedV4(ip, range);
  if (embedded) {
    const inner = classifyV4(embedded);
    return inner === null ? null : `${inner} wrapped in ${range} IPv6`;
  }
  if (range !== 'unicast') return `${range} IPv6`;
  // ipaddr.js calls everything it has no name for `unicast`, including the deprecated
  // IPv4-compatible ::/96 (`::127.0.0.1`) and other unassigned space: only 2000::/3 is real.
  if (!ip.match(GLOBAL_UNICAST_V6)) return 'non-global IPv6';
  return null;
}

/** The IPv4 address a transition format carries, when the format has a fixed place for it. */
function embeddedV4(ip: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = ip.parts;
  const fromWords = (hi: number, lo: number) =>
    new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return fromWords(p[6]!, p[7]!);
    case 'rfc6052': // NAT64 64:ff9b::/96; the local-use 64:ff9b:1::/48 has no fixed place
      return p[2] === 0 ? fromWords(p[6]!, p[7]!) : null;
    case '6to4': // 2002:aabb:ccdd::/48
      return fromWords(p[1]!, p[2]!);
    default:
      return null;
  }
}
