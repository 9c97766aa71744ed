import { ImportProgress } from '@/components/imports/import-progress';
import { ActionForm } from '@/components/ui/action-form';
import { ButtonLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { getImportSummary } from '@/lib/imports/get-import-summary';
import { getOrgAccess } from '@/lib/orgs/get-org-access';
import { loadPage } from '@/lib/pages';
import { resumeImportAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import' };

export default async function ImportJobPage({ params }: { params: Promise<{ slug: string; jobId: string }> }) {
  const { slug, jobId } = await params;
  const ctx = await getRequestCtx();
  const summary = await loadPage(() => getImportSummary({ ctx, input: { orgSlug: slug, jobId } }), `/o/${slug}/imports/${jobId}`);
  const { role } = await loadPage(() => getOrgAccess({ ctx, input: { slug } }));
  const resumable = (summary.status === 'failed' || summary.stalled) && role !== 'viewer';
  return (
    <>
      <PageHeader
        title={summary.fileName}
        description={`${summary.kind === 'post' ? 'Post-level' : 'Account-level'} import by ${summary.createdByName ?? 'the command line'}`}
        actions={
          <ButtonLink href={`/o/${slug}/imports`} variant="secondary">
            All imports
          </ButtonLink>
        }
      />
      {resumable ? (
        <ActionForm action={resumeImportAction.bind(null, slug, jobId)} className="mb-6">
          <SubmitButton pendingLabel="Resuming…">Resume from the last saved row</SubmitButton>
        </ActionForm>
      ) : null}
      <ImportProgress slug={slug} initial={{ ...summary, errorCount: summary.errors.length, errors: summary.errors.slice(0, 20) }} />
    </>
  );
}
