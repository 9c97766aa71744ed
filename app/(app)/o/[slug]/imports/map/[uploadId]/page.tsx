import { MappingForm } from '@/components/imports/mapping-form';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { getRequestCtx } from '@/lib/auth/request-context';
import { ENCODING_NAMES, ENCODINGS } from '@/lib/imports/encodings';
import { ACCOUNT_FIELDS, PLATFORMS, POST_FIELDS, REQUIRED_FIELDS } from '@/lib/imports/mapping';
import { previewImport } from '@/lib/imports/preview-import';
import { DATE_FORMATS } from '@/lib/imports/values';
import { loadPage } from '@/lib/pages';
import { previewImportAction, startImportAction } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Map columns' };

export default async function MapImportPage({ params }: { params: Promise<{ slug: string; uploadId: string }> }) {
  const { slug, uploadId } = await params;
  const ctx = await getRequestCtx();
  const preview = await loadPage(() => previewImport({ ctx, input: { orgSlug: slug, uploadId } }), `/o/${slug}/imports`);
  return (
    <>
      <PageHeader
        title="Map columns"
        description={`${preview.upload.fileName} · ${preview.upload.size < 1024 * 1024 ? `${Math.max(1, Math.round(preview.upload.size / 1024))} KB` : `${(preview.upload.size / 1024 / 1024).toFixed(1)} MB`} · ${preview.headers.length} columns${preview.encoding ? ` · ${ENCODING_NAMES[preview.encoding]}` : ''}`}
      />
      {preview.upload.notes.length ? (
        <div className="mb-4">
          <Notice testId="upload-notes">
            {preview.upload.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
          </Notice>
        </div>
      ) : null}
      <MappingForm
        headers={preview.headers}
        initial={preview.mapping}
        initialPreview={{ rows: preview.rows, mappingErrors: preview.mappingErrors }}
        layout={preview.layout}
        proposedFrom={preview.proposedFrom}
        encodingDetected={preview.encodingDetected}
        detected={preview.detected}
        encodings={ENCODINGS}
        encodingNames={ENCODING_NAMES}
        presets={preview.presets}
        fields={{ account: ACCOUNT_FIELDS, post: POST_FIELDS }}
        required={REQUIRED_FIELDS}
        dateFormats={DATE_FORMATS}
        platforms={PLATFORMS}
        preview={previewImportAction.bind(null, slug, uploadId)}
        start={startImportAction.bind(null, slug, uploadId)}
      />
    </>
  );
}
