/*
 * Attribution of a conversion to a collaboration (influencer × campaign): which tracked click or
 * discount code earns it, and whether it counts. Pure: the verbs (lib/tracking) load the matches.
 *
 * Rule (docs/metrics.md, "Attribution"), as impact.com and Refersion apply it:
 * - A click qualifies when the conversion happens within the campaign's window after it
 *   (0 ≤ conversion time − click time ≤ window days; a conversion reported up to an hour before
 *   its click is clock skew and still qualifies).
 * - A discount code qualifies while its campaign runs and for the window after it ends
 *   (start ≤ conversion time ≤ end + window days; open ends allowed).
 * - Both qualifying: the code wins unless the campaign says the click does (`codeBeatsClick`).
 * - A match that does not qualify is kept on its collaboration and labelled `outside_window`
 *   ("unqualified: outside window"); no match at all is `unattributed`. Nothing is dropped.
 */

const DAY_MS = 86_400_000;
/** Conversions reported this long before their click still qualify (clocks of shops and ours differ). */
const CLOCK_SKEW_MS = 3_600_000;

/** The campaign settings the rule reads. */
type AttributionCampaign = {
  campaignId: string;
  /** Window in days (campaigns.attribution_window_days; default 30). */
  windowDays: number;
  codeBeatsClick: boolean;
  /** Campaign dates (ISO dates, inclusive), null = open. */
  startsOn: string | null;
  endsOn: string | null;
};

/** A tracked click the conversion names (its click id, or the customer's lead's click). */
export type ClickMatch = AttributionCampaign & { influencerId: string; trackingLinkId: string; clickedAt: Date };
/** A discount code the conversion names. */
export type CodeMatch = AttributionCampaign & { influencerId: string };

export type Attribution = {
  status: 'attributed' | 'outside_window' | 'unattributed';
  method: 'click' | 'code' | null;
  campaignId: string | null;
  influencerId: string | null;
  trackingLinkId: string | null;
  windowDays: number | null;
  /** Why, in words, for the hover: "last click 3 days before, within the 30-day window". */
  reason: string;
};

const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;

function clickQualifies(occurredAt: Date, click: ClickMatch): boolean {
  const delta = occurredAt.getTime() - click.clickedAt.getTime();
  return delta >= -CLOCK_SKEW_MS && delta <= click.windowDays * DAY_MS;
}

function codeQualifies(occurredAt: Date, code: CodeMatch): boolean {
  const t = occurredAt.getTime();
  if (code.startsOn && t < Date.parse(`${code.startsOn}T00:00:00Z`)) return false;
  if (code.endsOn && t >= Date.parse(`${code.endsOn}T00:00:00Z`) + (1 + code.windowDays) * DAY_MS) return false;
  return true;
}

function fromClick(click: ClickMatch, status: Attribution['status'], reason: string): Attribution {
  return {
    status,
    method: 'click',
    campaignId: click.campaignId,
    influencerId: click.influencerId,
    trackingLinkId: click.trackingLinkId,
    windowDays: click.windowDays,
    reason,
  };
}

function fromCode(code: CodeMatch, status: Attribution['status'], reason: string): Attribution {
  return {
    status,
    method: 'code',
    campaignId: code.campaignId,
    influencerId: code.influencerId,
    trackingLinkId: null,
    windowDays: code.windowDays,
    reason,
  };
}

/**
 * Decides a conversion's attribution from the click and the discount code it names (either may be
 * null). See the rule at the top of this file.
 * @param occurredAt when the conversion happened (the shop's event time).
 * @returns status, method and the collaboration credited, with the reason shown on hover.
 */
export function attribute(occurredAt: Date, click: ClickMatch | null, code: CodeMatch | null): Attribution {
  const clickOk = click !== null && clickQualifies(occurredAt, click);
  const codeOk = code !== null && codeQualifies(occurredAt, code);
  const clickReason = (c: ClickMatch) => {
    const gap = days(occurredAt.getTime() - c.clickedAt.getTime());
    return `last click ${gap} days before, ${clickQualifies(occurredAt, c) ? 'within' : 'outside'} the ${c.windowDays}-day window`;
  };
  const codeReason = (c: CodeMatch) =>
    `discount code, ${codeQualifies(occurredAt, c) ? 'within' : 'outside'} the campaign's dates plus its ${c.windowDays}-day window`;
  if (clickOk && codeOk) {
    return code!.codeBeatsClick
      ? fromCode(code!, 'attributed', `${codeReason(code!)}; the code wins over the click by the campaign's rule`)
      : fromClick(click!, 'attributed', `${clickReason(click!)}; the click wins over the code by the campaign's rule`);
  }
  if (codeOk) return fromCode(code!, 'attributed', codeReason(code!));
  if (clickOk) return fromClick(click!, 'attributed', clickReason(click!));
  if (code) return fromCode(code, 'outside_window', codeReason(code));
  if (click) return fromClick(click, 'outside_window', clickReason(click));
  return {
    status: 'unattributed',
    method: null,
    campaignId: null,
    influencerId: null,
    trackingLinkId: null,
    windowDays: null,
    reason: 'no tracked click or discount code matched',
  };
}
