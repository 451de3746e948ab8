import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import en from './en.json';
import { LANG_STORAGE_KEY, lang, readStoredLang, setLang, t, translate } from './index';
import th from './th.json';

const SRC = join(import.meta.dirname, '..');
const THAI = /[\u0E00-\u0E7F]/;

/** Source files whose Thai text is data, not UI: the browser-only mock's demo office and backend messages. */
const THAI_DATA_FILES = new Set([
  'lib/mockBackend.ts',
  'lib/mockData.ts',
  'lib/mockRequests.ts',
  'lib/mockTaxNotices.ts',
  'lib/mockTaxPayments.ts',
  'lib/mockTaxRegister.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every string literal, template piece and JSX text in a file that contains Thai characters. */
function thaiLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node) ||
        ts.isJsxText(node)) &&
      THAI.test(node.text)
    ) {
      found.push(node.text.trim());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('message files', () => {
  it('have the same keys in Thai and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(th).sort());
  });

  it('use the same placeholders in both languages, and no message is empty', () => {
    for (const [key, thText] of Object.entries(th)) {
      const enText = (en as Record<string, string>)[key] ?? '';
      expect(placeholders(enText), key).toEqual(placeholders(thText));
      expect(thText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
    }
  });

  it('are the only place with Thai UI text: no Thai string literal in the sources', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => ({ file: relative(SRC, file).split('\\').join('/'), literals: thaiLiterals(file) }))
      .filter((it) => it.literals.length > 0 && !THAI_DATA_FILES.has(it.file));
    expect(offenders).toEqual([]);
  });

  it('the scan does find Thai literals where they are', () => {
    const mock = sourceFiles(SRC).find((f) => f.endsWith('mockData.ts'));
    expect(mock && thaiLiterals(mock).length).toBeGreaterThan(0);
  });
});

describe('language choice', () => {
  it('defaults to Thai', () => {
    expect(readStoredLang()).toBe('th');
    expect(t('nav.queue')).toBe('คิว');
  });

  it('persists in localStorage and switches every message', () => {
    setLang('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(readStoredLang()).toBe('en');
    expect(lang.value).toBe('en');
    expect(t('nav.queue')).toBe('Queue');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores an unknown stored value', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(readStoredLang()).toBe('th');
  });

  it('fills placeholders', () => {
    expect(translate('th', 'status.outbox', { count: 3 })).toBe('รอส่ง 3 รายการ');
    expect(translate('en', 'status.outbox', { count: 3 })).toBe('3 waiting to send');
  });
});
