import { beforeEach, describe, expect, it } from 'vitest';
import { decryptField, encryptField } from './fields.ts';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

describe('field encryption', () => {
  beforeEach(() => {
    process.env.ENCRYPTION_KEY = KEY_A;
  });

  it('round-trips text and hides it', () => {
    const stored = encryptField('call after 6, ask for Sam', 'participant:1:notes')!;
    expect(Buffer.from(stored).toString('utf8')).not.toContain('Sam');
    expect(decryptField(stored, 'participant:1:notes')).toBe('call after 6, ask for Sam');
  });

  it('gives different ciphertexts for the same text (random IV)', () => {
    const a = encryptField('same', 'c')!;
    const b = encryptField('same', 'c')!;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('keeps empty values empty', () => {
    expect(encryptField('', 'c')).toBeNull();
    expect(encryptField(null, 'c')).toBeNull();
    expect(decryptField(null, 'c')).toBeNull();
  });

  it('refuses a value moved to another record or column', () => {
    const stored = encryptField('secret', 'participant:1:notes')!;
    expect(() => decryptField(stored, 'participant:2:notes')).toThrow();
    expect(() => decryptField(stored, 'participant:1:safe_contact')).toThrow();
  });

  it('refuses a tampered value and a different key', () => {
    const stored = encryptField('secret', 'c')!;
    const tampered = Uint8Array.from(stored);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptField(tampered, 'c')).toThrow();
    process.env.ENCRYPTION_KEY = KEY_B;
    expect(() => decryptField(stored, 'c')).toThrow();
  });

  it('refuses to work without a proper key', () => {
    process.env.ENCRYPTION_KEY = 'short';
    expect(() => encryptField('x', 'c')).toThrow(/ENCRYPTION_KEY/);
  });
});
