// The size limit of a task's free-form metadata, checked before anything is written.
import { LonghaulError, TASK_LIMITS } from '@longhaul/schemas';

export function checkMetadataSize(metadata: Record<string, unknown> | undefined, path: string): void {
  if (metadata === undefined) return;
  const bytes = Buffer.byteLength(JSON.stringify(metadata));
  if (bytes > TASK_LIMITS.metadataBytes) {
    throw new LonghaulError(
      'invalid_argument',
      `${path} is ${bytes} bytes of JSON; the limit is ${TASK_LIMITS.metadataBytes} bytes: keep large data elsewhere (an artifact or a file) and link to it`,
    );
  }
}
