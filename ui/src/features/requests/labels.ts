/** Names of the requests area's codes (states, kinds, channels, datatypes) in the UI's language. */
import type {
  AttributeDef,
  AttributeValue,
  Category,
  ContactChannel,
  Datatype,
  Kind,
  RequestState,
} from '../../api/requests';
import { lang, t, type MessageKey } from '../../i18n';

export function stateLabel(state: RequestState): string {
  return t(`requests.state.${state}` as MessageKey);
}

export function kindLabel(kind: Kind): string {
  return t(`requests.kind.${kind}` as MessageKey);
}

export function channelLabel(channel: ContactChannel): string {
  return t(`requests.channel.${channel}` as MessageKey);
}

export function datatypeLabel(datatype: Datatype): string {
  return t(`requests.datatype.${datatype}` as MessageKey);
}

/** A category's (or a request's category's) name in the UI's language. */
export function categoryName(c: Pick<Category, 'nameTh' | 'nameEn'>): string {
  return lang.value === 'en' && c.nameEn ? c.nameEn : c.nameTh;
}

export function questionText(a: AttributeDef): string {
  return lang.value === 'en' && a.descriptionEn ? a.descriptionEn : a.descriptionTh;
}

export function choiceText(v: AttributeValue): string {
  return lang.value === 'en' && v.nameEn ? v.nameEn : v.nameTh;
}

/** A file size people read: `820 KB`, `2.4 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${String(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads a chosen file as base64 (the content only, without the `data:` prefix). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}
