import { describe, expect, it } from 'vitest';
import { postIdFromUrl } from '@/lib/platform-ids';
import { campaignProgress } from '@/lib/metrics/campaign-progress';

describe('campaign progress', () => {
  it('mixes task and goal progress with the campaign weight; goals are capped at 100 %', () => {
    const p = campaignProgress({
      taskWeight: 0.4,
      deliverables: { approved: 1, total: 4 },
      goals: [
        { key: 'views', target: 1000, actual: 2500 },
        { key: 'engagements', target: 100, actual: 30 },
      ],
    });
    expect(p.task.value).toBe(0.25);
    expect(p.goal.value).toBeCloseTo((1 + 0.3) / 2, 12);
    expect(p.overall.value).toBeCloseTo(0.4 * 0.25 + 0.6 * 0.65, 12);
  });

  it('leaves unmeasured goals out and names them; an unknown part gives its weight to the other', () => {
    const p = campaignProgress({
      taskWeight: 0.5,
      deliverables: { approved: 0, total: 0 },
      goals: [
        { key: 'clicks', target: 500, actual: null },
        { key: 'views', target: 1000, actual: 500 },
      ],
    });
    expect(p.task.value).toBeNull();
    expect(p.goal).toEqual({ value: 0.5, missing: ['clicks'] });
    expect(p.weights).toEqual({ task: 0, goal: 1 });
    expect(p.overall.value).toBe(0.5);
    const none = campaignProgress({ taskWeight: 0.5, deliverables: { approved: 0, total: 0 }, goals: [] });
    expect(none.overall.value).toBeNull();
    expect(none.overall.reason).toBe('no deliverables and no measured goal yet');
  });
});

describe('post URLs', () => {
  it.each([
    ['youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42', 'dQw4w9WgXcQ'],
    ['youtube', 'https://youtu.be/dQw4w9WgXcQ', 'dQw4w9WgXcQ'],
    ['youtube', 'https://m.youtube.com/shorts/abc_DEF-1', 'abc_DEF-1'],
    ['instagram', 'https://www.instagram.com/reel/C1a2B3c4/?igsh=x', 'C1a2B3c4'],
    ['instagram', 'https://instagram.com/p/B9xyz/', 'B9xyz'],
    ['tiktok', 'https://www.tiktok.com/@maya/video/7301234567890', '7301234567890'],
    ['twitch', 'https://www.twitch.tv/videos/2012345678', '2012345678'],
    ['dailymotion', 'https://www.dailymotion.com/video/x8abcde', 'x8abcde'],
    ['dailymotion', 'https://dai.ly/x8abcde', 'x8abcde'],
  ] as const)('%s %s → %s', (platform, url, id) => {
    expect(postIdFromUrl(platform, url)).toBe(id);
  });

  it.each([
    ['youtube', 'https://www.instagram.com/p/B9xyz/'],
    ['youtube', 'https://evil-youtube.com/watch?v=abc'],
    ['youtube', 'javascript:alert(1)'],
    ['instagram', 'https://www.instagram.com/maya.outdoors/'],
    ['youtube', 'not a url'],
  ] as const)('%s refuses %s', (platform, url) => {
    expect(postIdFromUrl(platform, url)).toBeNull();
  });
});
