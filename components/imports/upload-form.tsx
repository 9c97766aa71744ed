'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../ui/button';
import { Notice } from '../ui/notice';

/** Picks a CSV and uploads it with a progress bar, then opens the mapping step. */
export function UploadForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload() {
    if (!file) return;
    setError(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/orgs/${encodeURIComponent(slug)}/imports/uploads`);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}');
      if (xhr.status === 201) router.push(`/o/${slug}/imports/map/${body.uploadId}`);
      else {
        setProgress(null);
        setError(body.error ?? `Upload failed (${xhr.status})`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError('The upload was interrupted: check your connection and try again.');
    };
    xhr.send(file);
  }

  return (
    <div className="space-y-4" data-testid="upload-form">
      <label className="flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed border-gray-300 px-6 py-8 text-center hover:border-indigo-400">
        <span className="text-sm font-semibold text-gray-900">{file ? file.name : 'Choose a CSV export'}</span>
        <span className="mt-1 text-xs text-gray-500">
          {file
            ? `${(file.size / 1024 / 1024).toFixed(1)} MB`
            : 'Platform exports or spreadsheets; comma, semicolon or tab separated; up to 200 MB'}
        </span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,.zip,text/csv"
          className="sr-only"
          aria-label="CSV file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      {progress !== null ? (
        <div className="h-2 w-full overflow-hidden rounded-full bg-gray-100" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <div className="h-full bg-indigo-600 transition-all" style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Button type="button" onClick={upload} disabled={!file || progress !== null}>
        {progress !== null ? 'Uploading…' : 'Upload and map columns'}
      </Button>
    </div>
  );
}
