import { describe, expect, it } from 'vitest';
import { attribute, type ClickMatch, type CodeMatch } from '@/lib/metrics/attribution';

const DAY = 86_400_000;
const rule = { windowDays: 30, codeBeatsClick: true, startsOn: '2026-09-01', endsOn: '2026-09-30' };
const click = (clickedAt: string, over: Partial<ClickMatch> = {}): ClickMatch => ({
  ...rule,
  campaignId: 'camp-a',
  influencerId: 'ana',
  trackingLinkId: 'link-a',
  clickedAt: new Date(clickedAt),
  ...over,
});
const code = (over: Partial<CodeMatch> = {}): CodeMatch => ({ ...rule, campaignId: 'camp-b', influencerId: 'ben', ...over });

describe('attribution rule (last click within the window; code vs click)', () => {
  it('credits a click up to exactly the window, not a millisecond after', () => {
    const c = click('2026-09-10T12:00:00Z');
    const at30 = new Date(c.clickedAt.getTime() + 30 * DAY);
    expect(attribute(at30, c, null)).toEqual({
      status: 'attributed',
      method: 'click',
      campaignId: 'camp-a',
      influencerId: 'ana',
      trackingLinkId: 'link-a',
      windowDays: 30,
      reason: 'last click 30 days before, within the 30-day window',
    });
    expect(attribute(new Date(at30.getTime() + 1), c, null)).toMatchObject({
      status: 'outside_window',
      method: 'click',
      influencerId: 'ana',
      reason: 'last click 30 days before, outside the 30-day window',
    });
  });

  it('tolerates an hour of clock skew before the click, not more', () => {
    const c = click('2026-09-10T12:00:00Z');
    expect(attribute(new Date('2026-09-10T11:00:00Z'), c, null).status).toBe('attributed');
    expect(attribute(new Date('2026-09-10T10:59:59Z'), c, null).status).toBe('outside_window');
  });

  it('credits a code from the first day of the campaign to the window after its last day', () => {
    expect(attribute(new Date('2026-08-31T23:59:59Z'), null, code()).status).toBe('outside_window');
    expect(attribute(new Date('2026-09-01T00:00:00Z'), null, code()).status).toBe('attributed');
    expect(attribute(new Date('2026-10-30T23:59:59Z'), null, code()).status).toBe('attributed');
    expect(attribute(new Date('2026-10-31T00:00:00Z'), null, code())).toMatchObject({
      status: 'outside_window',
      method: 'code',
      influencerId: 'ben',
    });
    expect(attribute(new Date('2030-01-01T00:00:00Z'), null, code({ endsOn: null })).status).toBe('attributed');
  });

  it('gives a sale with both to the code by default and to the click when the campaign says so', () => {
    const at = new Date('2026-09-12T00:00:00Z');
    expect(attribute(at, click('2026-09-11T00:00:00Z'), code())).toMatchObject({
      method: 'code',
      influencerId: 'ben',
      campaignId: 'camp-b',
    });
    expect(attribute(at, click('2026-09-11T00:00:00Z'), code({ codeBeatsClick: false }))).toMatchObject({
      method: 'click',
      influencerId: 'ana',
      trackingLinkId: 'link-a',
    });
  });

  it('prefers whichever qualifies when only one does, and keeps an unqualified match labelled', () => {
    const late = new Date('2026-12-01T00:00:00Z');
    expect(attribute(late, click('2026-11-20T00:00:00Z'), code())).toMatchObject({ status: 'attributed', method: 'click' });
    expect(attribute(new Date('2026-09-20T00:00:00Z'), click('2026-01-01T00:00:00Z'), code())).toMatchObject({
      status: 'attributed',
      method: 'code',
    });
    expect(attribute(late, click('2026-01-01T00:00:00Z'), code())).toMatchObject({ status: 'outside_window', method: 'code' });
    expect(attribute(late, null, null)).toMatchObject({
      status: 'unattributed',
      method: null,
      campaignId: null,
      reason: 'no tracked click or discount code matched',
    });
  });
});
