import type { FormInstance } from 'antd';
import { ApiError } from '../data/api-error';

/**
 * Puts the server's per-field messages (VALIDATION_FAILED details, e.g. `lines.0.unitPrice`) onto the form's
 * own fields, so each shows under the input it is about. Returns whether any field was marked.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = error.fieldErrors
    .map((e) => ({ name: e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [e.message] }))
    .filter((f) => known.has(String(f.name[0])));
  form.setFields(fields);
  return fields.length > 0;
}
