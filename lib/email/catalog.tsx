import type { ComponentType } from 'react';
import type { z } from 'zod';
import {
  AccountExistsEmail,
  EmailVerificationEmail,
  InvitationEmail,
  PasswordResetEmail,
  WelcomeEmail,
  accountExistsProps,
  emailVerificationProps,
  invitationProps,
  passwordResetProps,
  welcomeProps,
} from './templates/account';
import { CampaignReportEmail, WeeklyReportEmail, campaignReportProps, weeklyReportProps } from './templates/campaign-report';
import {
  DailyReminderEmail,
  ExportReadyEmail,
  MessageDigestEmail,
  dailyReminderProps,
  exportReadyProps,
  messageDigestProps,
} from './templates/digests';
import {
  AccountFailingEmail,
  AdminActionEmail,
  ConnectionLostEmail,
  DeliverableReviewedEmail,
  DeliverableSubmittedEmail,
  OfferAcceptedEmail,
  OfferCounteredEmail,
  OfferReceivedEmail,
  OfferRejectedEmail,
  adminActionProps,
  noticeProps,
} from './templates/notice';

type Template<S extends z.ZodType> = {
  /** Props schema: every send is validated against it before rendering. */
  props: S;
  subject: (p: z.infer<S>) => string;
  Component: ComponentType<z.infer<S>>;
  /** Transactional emails (the person's own request, or account safety) carry no preferences link. */
  transactional: boolean;
};

function template<S extends z.ZodType>(t: Template<S>): Template<S> {
  return t;
}

const notice = <C extends ComponentType<z.infer<typeof noticeProps>>>(Component: C) =>
  template({ props: noticeProps, subject: (p) => p.headline, Component, transactional: false });

/**
 * Every email Reachboard sends, by name (the name is also the outbox `kind`). Adding one means a
 * component under `templates/`, a zod props schema and a render test in `tests/unit/email-templates.test.ts`.
 */
export const EMAIL_TEMPLATES = {
  welcome: template({ props: welcomeProps, subject: () => 'Welcome to Reachboard', Component: WelcomeEmail, transactional: true }),
  account_exists: template({
    props: accountExistsProps,
    subject: () => 'You already have a Reachboard account',
    Component: AccountExistsEmail,
    transactional: true,
  }),
  email_verification: template({
    props: emailVerificationProps,
    subject: () => 'Confirm your email address for Reachboard',
    Component: EmailVerificationEmail,
    transactional: true,
  }),
  password_reset: template({
    props: passwordResetProps,
    subject: () => 'Reset your Reachboard password',
    Component: PasswordResetEmail,
    transactional: true,
  }),
  invitation: template({
    props: invitationProps,
    subject: (p) => `Join ${p.orgName} on Reachboard`,
    Component: InvitationEmail,
    transactional: true,
  }),
  offer_received: notice(OfferReceivedEmail),
  offer_countered: notice(OfferCounteredEmail),
  offer_accepted: notice(OfferAcceptedEmail),
  offer_rejected: notice(OfferRejectedEmail),
  deliverable_submitted: notice(DeliverableSubmittedEmail),
  deliverable_reviewed: notice(DeliverableReviewedEmail),
  account_failing: notice(AccountFailingEmail),
  message_digest: template({
    props: messageDigestProps,
    subject: (p) => {
      const total = p.conversations.reduce((s, c) => s + c.unread, 0);
      return `${total} unread message${total === 1 ? '' : 's'} on Reachboard from ${p.conversations[0].with}${p.conversations.length > 1 ? ` and ${p.conversations.length - 1} more` : ''}`;
    },
    Component: MessageDigestEmail,
    transactional: false,
  }),
  daily_reminder: template({
    props: dailyReminderProps,
    subject: (p) => `Reachboard: ${p.items.length} thing${p.items.length === 1 ? '' : 's'} waiting for you`,
    Component: DailyReminderEmail,
    transactional: false,
  }),
  weekly_report: template({
    props: weeklyReportProps,
    subject: (p) => `${p.campaignName}: campaign report`,
    Component: WeeklyReportEmail,
    transactional: false,
  }),
  campaign_report: template({
    props: campaignReportProps,
    subject: (p) => `${p.campaignName}: campaign report from ${p.sentBy}`,
    Component: CampaignReportEmail,
    transactional: true,
  }),
  export_ready: template({
    props: exportReadyProps,
    subject: (p) => `Your export ${p.fileName} is ready`,
    Component: ExportReadyEmail,
    transactional: true,
  }),
  admin_action: template({ props: adminActionProps, subject: (p) => p.headline, Component: AdminActionEmail, transactional: true }),
  connection_lost: template({ props: adminActionProps, subject: (p) => p.headline, Component: ConnectionLostEmail, transactional: true }),
  connection_expiring: template({
    props: adminActionProps,
    subject: (p) => p.headline,
    Component: ConnectionLostEmail,
    transactional: true,
  }),
};

/** The name of a template in {@link EMAIL_TEMPLATES}. */
export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;
/** The props a template takes (its schema's input). */
export type EmailProps<K extends EmailTemplateName> = z.input<(typeof EMAIL_TEMPLATES)[K]['props']>;
