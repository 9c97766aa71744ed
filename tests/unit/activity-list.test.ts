import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActivityList } from '@/components/home/activity-list';
import { AUDIT_ACTION_LABELS } from '@/lib/audit/actions';

const at = new Date();
const item = (id: number, action: string, after: unknown = null) => ({ id, action, actorName: 'Vera Lind', after, createdAt: at });
const textOf = (html: string) =>
  [...html.matchAll(/<span class="min-w-0[^"]*">(.*?)<\/span><time/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'"));

describe('team activity', () => {
  it('says what happened in words, never as an event code', () => {
    const html = renderToStaticMarkup(
      createElement(ActivityList, {
        items: [
          item(1, 'offer.withdrawn'),
          item(2, 'deliverable.changes_requested'),
          item(3, 'invitation.created', { email: 'sam@example.com', role: 'viewer' }),
          item(4, 'some.future_code'),
          item(5, 'toString'),
        ],
      }),
    );
    expect(textOf(html)).toEqual([
      'Vera Lind withdrew an offer',
      'Vera Lind asked for changes to a deliverable',
      'Vera Lind invited sam@example.com as viewer',
      'Vera Lind made a change',
      'Vera Lind made a change',
    ]);
    expect(html).not.toContain('offer.withdrawn');
  });

  it('has a sentence for every action the code writes', () => {
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(label, code).toMatch(/^[a-z][A-Za-z’ ]+[a-z]$/);
    }
  });
});
