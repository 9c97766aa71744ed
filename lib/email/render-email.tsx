import { render } from '@react-email/render';
import type { ComponentType } from 'react';
import { ValidationError } from '../errors';
import { EMAIL_TEMPLATES, type EmailProps, type EmailTemplateName } from './catalog';

/** Headings keep their case in the text part (html-to-text upper-cases them by default); data tables keep their columns. */
const TEXT_OPTIONS = {
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'table.data', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 40 } },
  ],
};

/** An email ready to send: subject, HTML body, the plain-text alternative and its template name. */
export type EmailContent = { subject: string; html: string; text: string; kind: EmailTemplateName };

/**
 * Renders a template to HTML and plain text after validating its props with the template's zod
 * schema. Text is rendered as text: React escapes every value, so a name like `<b>x</b>` arrives
 * literally.
 * @throws ValidationError naming the template and the first wrong prop.
 */
export async function renderEmail<K extends EmailTemplateName>(name: K, props: EmailProps<K>): Promise<EmailContent> {
  const t = EMAIL_TEMPLATES[name];
  if (!t) throw new ValidationError(`Unknown email template "${String(name)}"`);
  const parsed = t.props.safeParse(props);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`Email "${name}": ${issue.path.join('.') || 'props'}: ${issue.message}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const Component = t.Component as ComponentType<Record<string, unknown>>;
  const element = <Component {...data} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: TEXT_OPTIONS })]);
  return { kind: name, subject: (t.subject as (p: Record<string, unknown>) => string)(data), html, text };
}
