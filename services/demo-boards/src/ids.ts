// Board-native ids derived from a posting id, so a job keeps its external id across
// restarts and generations.

export function hash32(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A large integer id like Greenhouse's or SmartRecruiters'. */
export function numericId(id: string, prefix: number): string {
  return `${prefix}${hash32(id).toString().padStart(10, '0')}`;
}

export function uuidOf(id: string): string {
  const hex = [1, 2, 3, 4].map((salt) => hash32(id, salt).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function slugify(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
