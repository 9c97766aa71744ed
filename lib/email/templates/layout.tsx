import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const colors = { brand: '#4f46e5', text: '#111827', muted: '#6b7280', border: '#e5e7eb', page: '#f9fafb' };

const styles = {
  body: {
    backgroundColor: colors.page,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    color: colors.text,
    margin: 0,
    padding: '24px 0',
  },
  container: { backgroundColor: '#ffffff', border: `1px solid ${colors.border}`, borderRadius: '8px', maxWidth: '560px', padding: '32px' },
  brand: { color: colors.brand, fontWeight: 700, fontSize: '15px', margin: '0 0 24px' },
  heading: { fontSize: '20px', lineHeight: '28px', margin: '0 0 16px', fontWeight: 700 },
  paragraph: { fontSize: '14px', lineHeight: '22px', margin: '0 0 14px' },
  button: {
    backgroundColor: colors.brand,
    color: '#ffffff',
    borderRadius: '6px',
    padding: '10px 18px',
    fontSize: '14px',
    fontWeight: 600,
    textDecoration: 'none',
  },
  small: { fontSize: '12px', lineHeight: '18px', color: colors.muted, margin: '0 0 8px' },
  link: { color: colors.brand },
} as const;

/** Shared inline styles for the templates' own tables and lists. */
export const emailStyles = { colors, small: styles.small, paragraph: styles.paragraph, link: styles.link };

/**
 * The frame of every Reachboard email: preview line, brand, title, content and footer. A
 * non-transactional email passes `preferencesUrl` and gets the "why you get this / change it"
 * footer; transactional ones (sign-in, invitations, exports you asked for) do not.
 */
export function EmailLayout(props: {
  preview: string;
  title: string;
  children: ReactNode;
  preferencesUrl?: string;
  preferencesNote?: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Reachboard</Text>
          <Heading as="h1" style={styles.heading}>
            {props.title}
          </Heading>
          {props.children}
          <Hr style={{ borderColor: colors.border, margin: '28px 0 16px' }} />
          {props.preferencesUrl ? (
            <Text style={styles.small}>
              {props.preferencesNote ?? 'You get this email because this kind of notification is on.'}{' '}
              <Link href={props.preferencesUrl} style={styles.link}>
                Change your email preferences
              </Link>
            </Text>
          ) : null}
          <Text style={styles.small}>Reachboard · open-source influencer marketing</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A paragraph of body text. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** The email's main action, with the raw link under it for clients that block buttons. */
export function ActionButton({ label, url }: { label: string; url: string }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button href={url} style={styles.button}>
        {label}
      </Button>
      {/* The text part already prints the link beside the button. */}
      <Text data-skip-in-text style={{ ...styles.small, marginTop: '16px' }}>
        Or paste this link into your browser:{' '}
        <Link href={url} style={styles.link}>
          {url}
        </Link>
      </Text>
    </Section>
  );
}
