/** Reading the office logo chosen in the setup form: PNG or JPEG, at most 1 MB, as base64. */
import type { MessageKey } from '../../i18n';
import type { LogoChoice } from './setupForm';

/** The largest logo file accepted (1 MB). */
export const MAX_LOGO_BYTES = 1024 * 1024;

/** The accepted file types (also the file input's `accept`). */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

/** The logo, or the message key saying why the file was refused. */
export type LogoResult = { ok: true; logo: LogoChoice } | { ok: false; error: MessageKey };

/** Checks and reads `file`. */
export async function readLogo(file: File): Promise<LogoResult> {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return { ok: false, error: 'validate.logo_type' };
  if (file.size > MAX_LOGO_BYTES) return { ok: false, error: 'validate.logo_size' };
  try {
    const dataUrl = await readAsDataUrl(file);
    const comma = dataUrl.indexOf(',');
    if (!dataUrl.startsWith('data:') || comma < 0) return { ok: false, error: 'validate.logo_read' };
    return { ok: true, logo: { fileName: file.name, base64: dataUrl.slice(comma + 1), dataUrl } };
  } catch {
    return { ok: false, error: 'validate.logo_read' };
  }
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('FileReader failed'));
    };
    reader.readAsDataURL(file);
  });
}
