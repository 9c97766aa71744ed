/** How each import field is named in the mapping form. */
export const FIELD_LABELS: Record<string, string> = {
  handle: 'Account handle',
  accountHandle: 'Account handle',
  platform: 'Platform',
  displayName: 'Display name',
  accountDisplayName: 'Account display name',
  followers: 'Followers',
  following: 'Following',
  postsCount: 'Posts count',
  avgLikes: 'Average likes',
  engagementRate: 'Engagement rate (reported)',
  totalLikes: 'Total likes',
  totalViews: 'Total views',
  country: 'Country',
  category: 'Category / niche',
  capturedAt: 'Captured at',
  platformPostId: 'Post id',
  publishedAt: 'Published at',
  title: 'Title / caption',
  tags: 'Tags',
  mediaType: 'Media type',
  url: 'Post URL',
  platformCategoryId: 'Platform category id',
  views: 'Views',
  likes: 'Likes',
  dislikes: 'Dislikes',
  comments: 'Comments',
  shares: 'Shares',
  saves: 'Saves',
  reach: 'Reach',
  impressions: 'Impressions',
  clicks: 'Clicks',
  conversions: 'Conversions',
  revenue: 'Revenue',
  cost: 'Cost (fee paid for the post)',
};

/** How each value-format option is named in the mapping form. */
const OPTION_LABELS: Record<string, string> = {
  dateFormat: 'Date format',
  year: 'Year of dates without one',
  timeZone: 'Time zone',
  thousandsSeparator: 'Thousands separator',
  decimalSeparator: 'Decimal mark',
  rateUnit: 'Bare rates',
  tagSeparator: 'Tag separator',
  currency: 'Currency of revenue and cost',
  encoding: 'Text encoding:',
  delimiter: 'Delimiter',
};

/** The label of a mapping error path such as "columns.views" or "options.year". */
export function labelOfPath(path: string): string {
  const [group, key] = path.split('.');
  return (group === 'options' ? OPTION_LABELS[key] : FIELD_LABELS[key]) ?? path;
}
