import { describe, expect, it } from 'vitest';
import { handleField, signUpSchema } from '@/lib/accounts/schemas';
import { ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

const base = { name: 'Ivy', email: 'Ivy@Example.com ', password: 'ivy cooks passphrase' };

function errorsOf(input: unknown): Record<string, string> {
  try {
    parseInput(signUpSchema, input);
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors;
    throw e;
  }
  return {};
}

describe('sign-up input', () => {
  it('normalises the email and accepts an influencer without any account', () => {
    expect(parseInput(signUpSchema, { ...base, role: 'influencer', platform: '', handle: '' })).toEqual({
      ...base,
      email: 'ivy@example.com',
      role: 'influencer',
      platform: undefined,
      handle: undefined,
      category: undefined,
    });
  });

  it('asks for the platform when a handle is given without one', () => {
    expect(errorsOf({ ...base, role: 'influencer', platform: '', handle: '@ivy.cooks' })).toEqual({
      platform: 'Choose the platform of this handle',
    });
  });

  it('names an unknown platform in plain words', () => {
    expect(errorsOf({ ...base, role: 'influencer', platform: 'myspace', handle: 'ivy' })).toEqual({
      platform: 'Choose a platform from the list',
    });
  });

  it('requires the organization for a brand and rejects an unknown role', () => {
    expect(errorsOf({ ...base, role: 'brand' }).organizationName).toBeDefined();
    expect(Object.keys(errorsOf({ ...base, role: 'superuser' }))).toEqual(['role']);
  });
});

describe('handles', () => {
  it.each([
    ['@Ivy.Cooks', 'ivy.cooks'],
    ['ivy_cooks', 'ivy_cooks'],
    ['https://www.instagram.com/ivy.cooks/', 'ivy.cooks'],
    ['https://www.youtube.com/@IvyCooks', 'ivycooks'],
  ])('%s → %s', (raw, handle) => {
    expect(handleField.parse(raw)).toBe(handle);
  });

  it('rejects text that is not a handle', () => {
    expect(handleField.safeParse('ivy cooks!').success).toBe(false);
  });
});
