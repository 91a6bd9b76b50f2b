// How plates, phone numbers, handles and words are normalized before they are hashed into the
// blind index (lib/alerts/blind-index.ts). Pure, so stored values and searches agree by
// construction: the same functions run on both sides.

/** "ab-k7 21" → "ABK721": letters and digits only, upper case. */
export function normalizePlate(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** "(250) 555-0199" → "2505550199": digits only. */
export function normalizePhone(value: string): string {
  return value.normalize('NFKC').replace(/\D/g, '');
}

/** "@Night_Owl " → "night_owl": lower case, no spaces, no leading @. */
export function normalizeHandle(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/^@+/, '');
}

/** Words of two or more letters or digits, lower case, each once. */
export function words(value: string): string[] {
  const found =
    value
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(found.filter((w) => w.length >= 2))];
}

/** Every substring of at least `min` characters, each once. */
export function substrings(value: string, min: number): string[] {
  const out = new Set<string>();
  for (let len = min; len <= value.length; len++) {
    for (let start = 0; start + len <= value.length; start++) out.add(value.slice(start, start + len));
  }
  return [...out];
}

export const MIN_PART = { plate: 2, phone: 3, handle: 3 } as const;
/** A whole plate or phone this long or longer can flag a possible repeat; shorter ones are too common. */
export const MIN_KEY = { plate: 4, phone: 7 } as const;
export const MAX_NORMAL = { plate: 10, phone: 15, handle: 40 } as const;

/** One piece of index material: a kind prefix keeps a plate "K7" and a word "k7" apart. */
export type Material = `${'p' | 't' | 'h' | 'w' | 'P' | 'T'}:${string}`;

export type Indexable = { plate?: string | null; phone?: string | null; handle?: string | null; email?: string | null; text?: (string | null | undefined)[] };

/** The material for everything a report makes searchable. */
export function indexMaterial(fields: Indexable): Material[] {
  const out = new Set<Material>();
  const plate = normalizePlate(fields.plate ?? '');
  for (const s of substrings(plate, MIN_PART.plate)) out.add(`p:${s}`);
  const phone = normalizePhone(fields.phone ?? '');
  for (const s of substrings(phone, MIN_PART.phone)) out.add(`t:${s}`);
  const handle = normalizeHandle(fields.handle ?? '');
  for (const s of substrings(handle, MIN_PART.handle)) out.add(`h:${s}`);
  const email = normalizeHandle(fields.email ?? '');
  if (email) out.add(`h:${email}`);
  for (const w of [...words(fields.email ?? ''), ...(fields.text ?? []).flatMap((t) => words(t ?? ''))]) out.add(`w:${w}`);
  return [...out];
}

/** The whole plate and phone, for the possible-repeat flag. */
export function keyMaterial(fields: { plate?: string | null; phone?: string | null }): Material[] {
  const out: Material[] = [];
  const plate = normalizePlate(fields.plate ?? '');
  if (plate.length >= MIN_KEY.plate) out.push(`P:${plate}`);
  const phone = normalizePhone(fields.phone ?? '');
  if (phone.length >= MIN_KEY.phone) out.push(`T:${phone}`);
  return out;
}

/**
 * What a search box query may mean, each as the material a matching report must hold all of:
 * part of a plate, part of a phone number, part of a handle (or a whole email), or words of the
 * description. A report matches when any one reading matches.
 */
export function queryMaterial(query: string): Material[][] {
  const q = query.trim();
  const readings: Material[][] = [];
  const plate = normalizePlate(q);
  if (plate.length >= MIN_PART.plate && plate.length <= MAX_NORMAL.plate) readings.push([`p:${plate}`]);
  const phone = normalizePhone(q);
  if (!/\p{L}/u.test(q) && phone.length >= MIN_PART.phone && phone.length <= MAX_NORMAL.phone) readings.push([`t:${phone}`]);
  const handle = normalizeHandle(q);
  if (!/\s/.test(q) && handle.length >= MIN_PART.handle && handle.length <= 254) readings.push([`h:${handle}`]);
  const ws = words(q);
  if (ws.length) readings.push(ws.map((w): Material => `w:${w}`));
  return readings;
}
