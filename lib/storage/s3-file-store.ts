import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../errors';
import type { FileStore, StoredFileInfo } from './file-store';

/** Where an S3-compatible store keeps files: bucket, key prefix, and the client's settings. */
export type S3Settings = {
  bucket: string;
  /** Prepended to every key ("reachboard/"), so one bucket can serve several deployments. */
  prefix: string;
  region: string;
  /** For S3-compatible services (MinIO, Cloudflare R2, …); AWS when absent. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Explicit credentials; absent, the AWS SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/**
 * The file store in an S3-compatible bucket (`@aws-sdk/client-s3`, streamed multipart uploads by
 * `@aws-sdk/lib-storage`: memory holds a few 5 MiB parts whatever the file's size). An object
 * exists only once its upload completed, so a reader never sees half a file.
 */
export async function s3FileStore(settings: S3Settings): Promise<FileStore> {
  const { S3Client, GetObjectCommand, DeleteObjectsCommand, ListObjectsV2Command, NoSuchKey } = await import('@aws-sdk/client-s3');
  const { Upload } = await import('@aws-sdk/lib-storage');
  const client: S3Client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where the API requires them: S3-compatible services (MinIO, R2, …) reject the
    // trailing checksums the SDK sends by default since 2025.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const full = (key: string) => settings.prefix + key;
  return {
    location: `s3://${settings.bucket}/${settings.prefix}`,
    async write(key, source) {
      let size = 0;
      let sourceError: unknown;
      async function* counted() {
        try {
          for await (const piece of source) {
            const buf =
              typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
            size += buf.length;
            yield buf;
          }
        } catch (error) {
          sourceError = error;
          throw error;
        }
      }
      const upload = new Upload({
        client,
        params: { Bucket: settings.bucket, Key: full(key), Body: Readable.from(counted()) },
        queueSize: 2,
        partSize: 5 * 1024 * 1024,
        // A failed multipart upload is aborted: nothing is left behind.
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // What failed first (the export's query, the upload's body) is the reason, not the abort that followed it.
        throw sourceError ?? error;
      }
      return { size };
    },
    async *read(key) {
      let body: AsyncIterable<Uint8Array>;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: full(key) }));
        body = object.Body as AsyncIterable<Uint8Array>;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new NotFoundError('File');
        throw error;
      }
      for await (const chunk of body) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    },
    async remove(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        await client.send(
          new DeleteObjectsCommand({ Bucket: settings.bucket, Delete: { Objects: batch.map((k) => ({ Key: full(k) })), Quiet: true } }),
        );
      }
    },
    async *list(prefix) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: full(prefix), ContinuationToken: token }),
        );
        for (const object of page.Contents ?? [])
          yield {
            key: object.Key!.slice(settings.prefix.length),
            complete: true,
            createdAt: object.LastModified ?? new Date(0),
          } satisfies StoredFileInfo;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
