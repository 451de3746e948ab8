/**
 * Sala's own ESLint rules.
 *
 * `sala/boundaries` enforces the front end's architecture (STYLE R15) on every relative import under src/:
 *
 * - a feature (`src/features/<name>/`) is used by others only through its `index.ts`, never its internals;
 * - layers point downwards: generated ← i18n ← lib ← api, components ← features ← app ← main.tsx;
 * - only `src/api/` (and start-up, tests) may reach the backend (`lib/backend`); only tests and start-up
 *   load the in-memory mock (`lib/mockBackend`); only `src/lib/` imports `@tauri-apps/*`.
 */
import path from 'node:path';

/** Which zones each zone may import (besides itself). A feature may also use other features' index. */
const ALLOWED = {
  generated: [],
  i18n: ['generated'],
  lib: ['i18n', 'generated'],
  api: ['lib', 'generated'],
  components: ['lib', 'i18n', 'generated'],
  feature: ['api', 'components', 'lib', 'i18n', 'generated'],
  app: ['features', 'api', 'components', 'lib', 'i18n', 'generated'],
  root: ['app', 'features', 'api', 'components', 'lib', 'i18n', 'generated', 'styles'],
  test: ['app', 'features', 'api', 'components', 'lib', 'i18n', 'generated'],
};

/** The top-level folders of src/. */
const FOLDERS = ['app', 'api', 'components', 'features', 'generated', 'i18n', 'lib', 'styles', 'test'];

/** Modules that only some zones may import, whatever the layer table says. */
const GUARDED = {
  'lib/backend': { zones: ['api', 'lib', 'root', 'test'], tests: true, messageId: 'backend' },
  'lib/mockBackend': { zones: ['lib', 'root', 'test'], tests: true, messageId: 'mock' },
};

/**
 * Where a path (relative to src/, posix, without extension) sits:
 * `{ zone, feature }` with zone one of the ALLOWED keys or a top-level folder name.
 */
export function classify(rel) {
  const parts = rel.split('/');
  // A bare folder name is that folder's index (`../i18n`); any other single name is a file beside main.tsx.
  if (parts.length === 1) return { zone: FOLDERS.includes(rel) ? rel : 'root', feature: null };
  if (parts[0] === 'features') return { zone: 'features', feature: parts[1] ?? null };
  return { zone: parts[0], feature: null };
}

function stripExt(p) {
  return p.replace(/\.(tsx?|jsx?|json|css)$/, '');
}

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep feature folders and layers of ui/src independent (STYLE R15).' },
    schema: [],
    messages: {
      featureInternals:
        "'{{source}}' reaches into feature '{{feature}}'. Import it through its index ('features/{{feature}}') instead.",
      layer: "'{{source}}' is in '{{target}}', which '{{importer}}' code must not import.",
      backend: "Only src/api/* may call the backend; import a function from '../api/…' instead of '{{source}}'.",
      mock: "The mock backend is for tests and start-up only ('{{source}}').",
      tauri: "Only src/lib/ may import '{{source}}'; the rest of the UI goes through src/api/.",
      outside: "'{{source}}' resolves outside ui/src.",
    },
  },
  create(context) {
    const filename = context.filename.split(path.sep).join('/');
    const srcAt = filename.lastIndexOf('/src/');
    if (srcAt < 0) return {};
    const srcRoot = filename.slice(0, srcAt + 4);
    const importerRel = filename.slice(srcAt + 5);
    const isTest = /\.test\.tsx?$/.test(importerRel);
    const importer = classify(importerRel);
    const importerZone = importer.zone === 'features' ? 'feature' : importer.zone;

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('@tauri-apps/')) {
        if (importerZone !== 'lib') context.report({ node, messageId: 'tauri', data: { source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const abs = path.posix.normalize(path.posix.join(path.posix.dirname(filename), source));
      const rel = path.posix.relative(srcRoot, abs);
      if (rel.startsWith('..')) {
        context.report({ node, messageId: 'outside', data: { source } });
        return;
      }
      const targetRel = stripExt(rel);
      const target = classify(targetRel);

      const guard = GUARDED[targetRel];
      if (guard && !guard.zones.includes(importerZone) && !(guard.tests && isTest)) {
        context.report({ node, messageId: guard.messageId, data: { source } });
        return;
      }

      if (target.zone === 'features') {
        if (importer.zone === 'features' && importer.feature === target.feature) return;
        const isIndex = targetRel === `features/${target.feature}` || targetRel === `features/${target.feature}/index`;
        if (!isIndex) {
          context.report({ node, messageId: 'featureInternals', data: { source, feature: target.feature } });
          return;
        }
        if (importerZone === 'feature') return; // another feature's public index
      }

      if (target.zone === importer.zone) return;
      const allowed = ALLOWED[importerZone];
      if (allowed && !allowed.includes(target.zone)) {
        context.report({ node, messageId: 'layer', data: { source, target: target.zone, importer: importerZone } });
      }
    }

    const fromSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export default {
  meta: { name: 'eslint-plugin-sala' },
  rules: { boundaries },
};
