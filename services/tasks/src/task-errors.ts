// Turns the domain's input errors into the mesh's stable error codes, so agents get invalid_argument with paths.
import { LonghaulError } from '@longhaul/schemas';
import { TaskInputError } from './domain/task-input-error.js';

export async function withTaskErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TaskInputError) {
      throw new LonghaulError('invalid_argument', error.message, { data: { problems: error.problems } });
    }
    throw error;
  }
}
