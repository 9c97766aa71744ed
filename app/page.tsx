import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';
import { getRequestCtx } from '@/lib/auth/request-context';

export const dynamic = 'force-dynamic';

const FEATURES = [
  {
    title: 'Numbers you can trust',
    body: 'Every value says where it came from — platform API, CSV import, manual entry or estimate — and when. Unknown is shown as “—”, never as zero.',
  },
  {
    title: 'ROI you can defend',
    body: 'Spend against reach, engagement, conversions and revenue per influencer: CPM, CPE, CPA, ROI, ROAS and EMV, each with its formula one hover away.',
  },
  {
    title: 'Imports that never double',
    body: 'Drop in platform exports and agency spreadsheets as they are. Bad rows are reported with their line number; re-importing a file changes nothing.',
  },
  {
    title: 'Campaigns end to end',
    body: 'Discover creators by niche, send offers, negotiate, chat with seen receipts, collect deliverables and watch campaign progress in one place.',
  },
  {
    title: 'Built for teams',
    body: 'Owners, managers and viewers with permissions checked on every action. One organization’s data is never visible to another.',
  },
  {
    title: 'Yours to run',
    body: 'Open source, one Next.js app on Postgres. Starts on an embedded database with no setup; scales out on a managed Postgres.',
  },
];

export default async function LandingPage() {
  const { actor } = await getRequestCtx();
  return (
    <div className="bg-white">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-6">
        <Logo />
        <nav className="flex items-center gap-3">
          {actor ? (
            <ButtonLink href="/home">Open your dashboard</ButtonLink>
          ) : (
            <>
              <ButtonLink href="/sign-in" variant="ghost">
                Sign in
              </ButtonLink>
              <ButtonLink href="/sign-up">Get started</ButtonLink>
            </>
          )}
        </nav>
      </header>

      <section className="relative isolate overflow-hidden">
        <div className="absolute inset-x-0 -top-40 -z-10 transform-gpu overflow-hidden blur-3xl" aria-hidden="true">
          <div className="relative left-1/2 aspect-[1155/678] w-[60rem] -translate-x-1/2 bg-gradient-to-tr from-indigo-200 to-sky-200 opacity-40" />
        </div>
        <div className="mx-auto max-w-4xl px-6 pb-20 pt-16 text-center sm:pt-24">
          <p className="inline-flex rounded-full bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
            Open-source influencer marketing
          </p>
          <h1 className="mt-6 text-4xl font-semibold tracking-tight text-gray-900 sm:text-6xl">Real metrics in. Defensible ROI out.</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg leading-8 text-gray-600">
            Reachboard brings brands, creators and their audiences onto one platform: import and track influencer performance, run
            campaigns, and show stakeholders exactly what every dollar returned.
          </p>
          <div className="mt-10 flex flex-wrap items-center justify-center gap-3">
            <ButtonLink href="/sign-up?role=brand" className="px-5 py-2.5">
              I’m a brand
            </ButtonLink>
            <ButtonLink href="/sign-up?role=influencer" variant="secondary" className="px-5 py-2.5">
              I’m a creator
            </ButtonLink>
            <ButtonLink href="/sign-up?role=fan" variant="ghost" className="px-5 py-2.5">
              I’m a fan →
            </ButtonLink>
          </div>
        </div>
      </section>

      <section className="border-t border-gray-100 bg-gray-50 py-20">
        <div className="mx-auto grid max-w-6xl gap-6 px-6 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((f) => (
            <div key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-gray-200">
              <h2 className="text-base font-semibold text-gray-900">{f.title}</h2>
              <p className="mt-2 text-sm leading-6 text-gray-600">{f.body}</p>
            </div>
          ))}
        </div>
      </section>

      <footer className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-10 text-sm text-gray-500">
        <span>Reachboard — open source under the AGPL-3.0.</span>
        <span>Your data stays in your own database.</span>
      </footer>
    </div>
  );
}
