import { z } from 'zod';
import { ActionButton, EmailLayout, Paragraph } from './layout';

/**
 * Props of a notice email: what happened (`headline`, e.g. "Acme sent you an offer for Autumn
 * Trail"), its details (fee, deliverables, comment…), the page it concerns and the preferences page.
 */
export const noticeProps = z.object({
  name: z.string().trim().min(1).max(200),
  headline: z.string().trim().min(1).max(300),
  details: z.string().trim().max(2_000).optional(),
  url: z.url({ protocol: /^https?$/ }),
  preferencesUrl: z.url({ protocol: /^https?$/ }),
});
type NoticeProps = z.infer<typeof noticeProps>;

/** What differs between notice emails: the button, the footer's reason and an optional closing line. */
type NoticeWording = { action: string; reason: string; closing?: string };

function notice(wording: NoticeWording) {
  function NoticeEmail(p: Omit<NoticeProps, 'preferencesUrl'> & { preferencesUrl?: string }) {
    return (
      <EmailLayout preview={p.details ?? p.headline} title={p.headline} preferencesUrl={p.preferencesUrl} preferencesNote={wording.reason}>
        <Paragraph>{`Hi ${p.name},`}</Paragraph>
        {p.details ? <Paragraph>{p.details}</Paragraph> : null}
        <ActionButton label={wording.action} url={p.url} />
        {wording.closing ? <Paragraph>{wording.closing}</Paragraph> : null}
      </EmailLayout>
    );
  }
  return NoticeEmail;
}

/** A brand sent an offer, or an influencer applied to a campaign. */
export const OfferReceivedEmail = notice({ action: 'Review the offer', reason: 'You get this email for new offers and applications.' });
/** The other side countered an offer. */
export const OfferCounteredEmail = notice({ action: 'See the counter-offer', reason: 'You get this email for counter-offers.' });
/** An offer was accepted: the collaboration starts. */
export const OfferAcceptedEmail = notice({ action: 'Open the offer', reason: 'You get this email when an offer is accepted.' });
/** An offer was rejected or withdrawn. */
export const OfferRejectedEmail = notice({
  action: 'Open the offer',
  reason: 'You get this email when an offer is rejected or withdrawn.',
});
/** An influencer submitted a deliverable for review. */
export const DeliverableSubmittedEmail = notice({
  action: 'Review the deliverable',
  reason: 'You get this email for deliverables to review.',
});
/** The brand approved a deliverable or asked for changes. */
export const DeliverableReviewedEmail = notice({
  action: 'Open the deliverable',
  reason: 'You get this email when a deliverable is reviewed.',
});
/** A tracked account has failed to refresh for 3 days. */
export const AccountFailingEmail = notice({
  action: 'Open tracking',
  reason: 'You get this email when a tracked account stops refreshing.',
});

/** A creator's platform connection stopped working (revoked, expired): reconnect to keep first-party numbers. Always sent. */
export const ConnectionLostEmail = notice({
  action: 'Reconnect',
  reason: '',
  closing: 'Until you reconnect, brands see your last first-party numbers with the date they were read.',
});

/** Props of an admin action notice; it goes out whatever the preferences, so it has none. */
export const adminActionProps = noticeProps.omit({ preferencesUrl: true });

/** A Reachboard admin acted on the person's account or campaign (transactional: always sent, no preferences link). */
export const AdminActionEmail = notice({
  action: 'Open Reachboard',
  reason: '',
  closing: 'Reply to this email if you think this was a mistake.',
});
