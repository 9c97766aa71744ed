import { describe, expect, it } from 'vitest';
import { connectionFlashOf } from '@/lib/connections/flash';

describe('the connection outcome shown on the profile', () => {
  it('shows what the callback set, and nothing for a missing, malformed or oversized cookie', () => {
    expect(
      connectionFlashOf(JSON.stringify({ ok: true, message: 'Connected @trailtwitch on Twitch: it is verified on your profile.' })),
    ).toEqual({
      ok: true,
      message: 'Connected @trailtwitch on Twitch: it is verified on your profile.',
    });
    expect(connectionFlashOf(undefined)).toBeNull();
    expect(connectionFlashOf('not json')).toBeNull();
    expect(connectionFlashOf(JSON.stringify({ ok: 'yes', message: 'x' }))).toBeNull();
    expect(connectionFlashOf(JSON.stringify({ ok: false, message: 'x'.repeat(501) }))).toBeNull();
  });
});
