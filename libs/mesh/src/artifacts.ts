// Artifacts of job runs in the NATS object store (`lh_artifacts`), one object per run and name.
import { LonghaulError } from '@longhaul/schemas';
import { type ObjectStore, Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from './subjects.js';

/** Largest artifact one job may store in one call. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
const ARTIFACT_NAME = /^[A-Za-z0-9._-]{1,128}$/;

export interface StoredArtifact {
  name: string;
  bucket: string;
  /** Object name in the bucket: `<runId>/<name>`. */
  key: string;
  bytes: number;
  contentType: string;
}

export interface ArtifactStore {
  put(runId: string, name: string, data: Uint8Array | string, contentType?: string): Promise<StoredArtifact>;
}

/** Opens (creating if missing) the artifacts bucket. */
export async function openArtifactStore(nc: NatsConnection, subjects: Subjects): Promise<ArtifactStore> {
  const bucket = subjects.buckets.artifacts;
  let store: ObjectStore | undefined;
  return {
    async put(runId, name, data, contentType = 'application/octet-stream') {
      if (!ARTIFACT_NAME.test(name)) {
        throw new LonghaulError(
          'invalid_argument',
          `artifact name ${JSON.stringify(name.slice(0, 140))} must be 1-128 letters, digits, ".", "_" or "-"`,
        );
      }
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      if (bytes.byteLength > MAX_ARTIFACT_BYTES) {
        throw new LonghaulError(
          'invalid_argument',
          `artifact ${name} is ${bytes.byteLength} bytes; the limit is ${MAX_ARTIFACT_BYTES} bytes`,
        );
      }
      store ??= await new Objm(nc).create(bucket);
      const key = `${runId}/${name}`;
      await store.putBlob({ name: key, description: contentType }, bytes);
      return { name, bucket, key, bytes: bytes.byteLength, contentType };
    },
  };
}
