import { Heading, Link, Section, Text } from '@react-email/components';
import { z } from 'zod';
import { EmailLayout, Paragraph, emailStyles } from './layout';

const url = z.url({ protocol: /^https?$/ });
const name = z.string().trim().min(1).max(200);
const h2 = { fontSize: '15px', margin: '20px 0 8px', fontWeight: 700 } as const;
const item = { fontSize: '14px', lineHeight: '22px', margin: '0 0 6px' } as const;

/** Kinds of line in the daily reminder, in the order they are shown. */
export const REMINDER_HEADINGS = {
  offer: 'Offers waiting for your answer',
  counter: 'Counter-offers to answer',
  deliverable_due: 'Deliverables due within 48 hours',
  application: 'Applications to review',
  review: 'Deliverables waiting for your review',
} as const;

/** One line of a reminder digest; `dueOn` is a calendar date (YYYY-MM-DD) or null. */
const reminderItem = z.object({
  kind: z.enum(Object.keys(REMINDER_HEADINGS) as [keyof typeof REMINDER_HEADINGS, ...(keyof typeof REMINDER_HEADINGS)[]]),
  title: z.string().min(1).max(300),
  url,
  dueOn: z.iso.date().nullable(),
});
export type ReminderItem = z.infer<typeof reminderItem>;

/** Props of the daily reminder digest. */
export const dailyReminderProps = z.object({ name, items: z.array(reminderItem).min(1), preferencesUrl: url });

/** Daily reminder: what waits for the person, grouped by kind, each line a link. */
export function DailyReminderEmail(p: z.infer<typeof dailyReminderProps>) {
  const groups = (Object.keys(REMINDER_HEADINGS) as ReminderItem['kind'][])
    .map((kind) => ({ kind, items: p.items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length);
  return (
    <EmailLayout
      preview={groups.map((g) => `${g.items.length} ${REMINDER_HEADINGS[g.kind].toLowerCase()}`).join(', ')}
      title={`${p.items.length} thing${p.items.length === 1 ? '' : 's'} waiting for you`}
      preferencesUrl={p.preferencesUrl}
      preferencesNote="This is your daily reminder."
    >
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      {groups.map((g) => (
        <Section key={g.kind}>
          <Heading as="h2" style={h2}>
            {REMINDER_HEADINGS[g.kind]}
          </Heading>
          {g.items.map((i) => (
            <Text key={i.url + i.title} style={item}>
              {'• '}
              <Link href={i.url} style={emailStyles.link}>
                {i.title}
              </Link>
              {i.dueOn ? ` (due ${i.dueOn})` : null}
            </Text>
          ))}
        </Section>
      ))}
    </EmailLayout>
  );
}

/** Props of the new-message digest: unread conversations, each with its newest message. */
export const messageDigestProps = z.object({
  name,
  conversations: z
    .array(
      z.object({
        with: name,
        unread: z.number().int().positive(),
        lastMessage: z.string().max(2_000),
        url,
      }),
    )
    .min(1),
  preferencesUrl: url,
});

/** New message digest: who wrote, how many unread, and the newest message of each conversation. */
export function MessageDigestEmail(p: z.infer<typeof messageDigestProps>) {
  const total = p.conversations.reduce((s, c) => s + c.unread, 0);
  const title = `${total} unread message${total === 1 ? '' : 's'}`;
  return (
    <EmailLayout
      preview={`${title} from ${p.conversations.map((c) => c.with).join(', ')}`}
      title={title}
      preferencesUrl={p.preferencesUrl}
      preferencesNote="You get this email when messages stay unread for a few minutes."
    >
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      {p.conversations.map((c) => (
        <Section key={c.url} style={{ borderLeft: `3px solid ${emailStyles.colors.border}`, padding: '0 0 0 12px', margin: '0 0 16px' }}>
          <Text style={{ ...item, fontWeight: 600 }}>{`${c.with} · ${c.unread} unread`}</Text>
          <Text style={{ ...item, color: emailStyles.colors.muted }}>{excerpt(c.lastMessage)}</Text>
          <Link href={c.url} style={{ ...emailStyles.link, fontSize: '14px' }}>
            Reply in Reachboard
          </Link>
        </Section>
      ))}
    </EmailLayout>
  );
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 280 ? `${flat.slice(0, 279)}…` : flat;
}

/** Props of the "export ready" email; `expiresAt` is already formatted for the reader (UTC). */
export const exportReadyProps = z.object({
  name,
  fileName: z.string().min(1).max(200),
  rowCount: z.number().int().nonnegative(),
  url,
  expiresAt: z.string().min(1),
});

/** Export ready: the signed download link and when it stops working. */
export function ExportReadyEmail(p: z.infer<typeof exportReadyProps>) {
  return (
    <EmailLayout preview={`${p.fileName} is ready to download`} title="Your export is ready">
      <Paragraph>{`Hi ${p.name},`}</Paragraph>
      <Paragraph>
        {`${p.fileName} (${p.rowCount.toLocaleString('en-US')} row${p.rowCount === 1 ? '' : 's'}) is ready. The link works until ${p.expiresAt}; after that, export again from Reachboard.`}
      </Paragraph>
      <Section style={{ margin: '24px 0' }}>
        <Link href={p.url} style={{ ...emailStyles.link, fontWeight: 600, fontSize: '14px' }}>
          {`Download ${p.fileName}`}
        </Link>
      </Section>
    </EmailLayout>
  );
}
