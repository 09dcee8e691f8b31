import { AppError, isErrorCode, type AppErrorShape } from '../../../shared/errors';

/** Turns anything thrown (an AppError from the client, a browser error, a string) into `{ code, message }`. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const code = (error as { code: unknown }).code;
    if (isErrorCode(code)) return { code, message: String((error as { message: unknown }).message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

/** Field paths of an INVALID_INPUT error (e.g. `params.host`), so a form can mark the right field. */
export function invalidInputFields(error: AppErrorShape): Map<string, string> {
  const fields = new Map<string, string>();
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (error.code !== 'INVALID_INPUT' || !Array.isArray(issues)) return fields;
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') continue;
    const last = String(path[path.length - 1] ?? '');
    if (last && !fields.has(last)) fields.set(last, message);
  }
  return fields;
}
