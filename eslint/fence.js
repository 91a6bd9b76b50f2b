// Feature fences for lib/ (issue 16). A feature's folder is private except the files it names in
// PUBLIC; shared modules (SHARED) hold code more than one feature needs and import no feature.
// The rule reports, in the lint step:
//   - an import from another feature's private file (move the code to a shared module, or name
//     the file public here if it is meant for other features),
//   - an import of a feature from a shared module,
//   - an import that closes a cycle between feature folders (value imports; `import type`
//     vanishes at runtime and is allowed).
import fs from 'node:fs';
import path from 'node:path';

/** Modules every feature may use; none of them imports a feature. */
export const SHARED = new Set([
  'action',
  'audit',
  'auth',
  'calendar',
  'crypto',
  'db',
  'env',
  'errors',
  'navigation',
  'outage',
  'saved-cookie',
  'settings',
  'table',
  'undo-window',
  'validation',
]);

/** Per feature, the files other features may import (its timeline entries, figures, labels…). */
export const PUBLIC = {
  alerts: ['figures.ts', 'labels.ts', 'retention.ts', 'timeline.ts'],
  bookings: ['timeline.ts'],
  outreach: ['timeline.ts'],
  participants: ['labels.ts', 'lock.ts', 'messages.ts', 'rules.ts', 'schema.ts'],
  privacy: ['erase.ts'],
  programs: ['figures.ts', 'timeline.ts'],
  referrals: ['figures.ts', 'rules.ts', 'timeline.ts'],
  'safe-suite': ['occupancy.ts', 'timeline.ts'],
  services: ['schema.ts'],
  timeline: ['types.ts'],
  visits: ['timeline.ts'],
};

const root = path.resolve(import.meta.dirname, '..');
const lib = path.join(root, 'lib');

/** Tests and test support may reach anywhere: they are not part of the app. */
export function isTestFile(file) {
  const rel = path.relative(lib, file).split(path.sep).join('/');
  return /\.test\.tsx?$/.test(rel) || /(^|\/)[\w-]*test-helpers\.tsx?$/.test(rel) || rel.startsWith('db/test/') || rel.startsWith('db/generated/');
}

/** `lib/<module>/…` or `lib/<module>.ts` → module name; null outside lib. */
export function moduleOf(file) {
  const rel = path.relative(lib, file).split(path.sep);
  if (rel[0] === '..' || path.isAbsolute(rel[0] ?? '')) return null;
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.tsx?$/, '');
}

/** The file an import specifier names, for '@/…' and relative specifiers; null for packages. */
export function resolveSpecifier(from, spec) {
  if (spec.startsWith('@/')) return path.join(root, spec.slice(2));
  if (spec.startsWith('.')) return path.resolve(path.dirname(from), spec);
  return null;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Feature → features it imports values from, read from lib's source once per lint run. */
let graph;
function featureGraph() {
  if (graph) return graph;
  graph = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !isTestFile(full)) {
        const from = moduleOf(full);
        if (!from || SHARED.has(from)) continue;
        for (const m of fs.readFileSync(full, 'utf8').matchAll(IMPORT)) {
          if (m[2]) continue;
          const target = resolveSpecifier(full, m[3]);
          const to = target && moduleOf(target);
          if (!to || to === from || SHARED.has(to)) continue;
          if (!graph.has(from)) graph.set(from, new Set());
          graph.get(from).add(to);
        }
      }
    }
  };
  walk(lib);
  return graph;
}

/** A path of feature folders from `from` back to `to`, or null. */
function pathBetween(from, to) {
  const seen = new Set();
  const visit = (at, trail) => {
    if (at === to) return trail;
    if (seen.has(at)) return null;
    seen.add(at);
    for (const next of featureGraph().get(at) ?? []) {
      const found = visit(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return visit(from, [from]);
}

export const featureFence = {
  meta: { type: 'problem', docs: { description: 'Features import only shared modules and each other’s public files, without cycles.' }, schema: [] },
  create(context) {
    const file = context.filename;
    const here = moduleOf(file);
    if (!here || isTestFile(file)) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const target = resolveSpecifier(file, node.source.value);
      const there = target && moduleOf(target);
      if (!there || there === here || SHARED.has(there)) return;
      if (SHARED.has(here)) {
        context.report({
          node: node.source,
          message: `Shared module lib/${here} may not import the feature lib/${there}: move what both need into a shared module.`,
        });
        return;
      }
      const name = path.relative(path.join(lib, there), target).split(path.sep).join('/');
      const open = PUBLIC[there] ?? [];
      if (!open.includes(name)) {
        context.report({
          node: node.source,
          message: `lib/${there}/${name} is private to ${there} (public: ${open.join(', ') || 'none'}). Move shared code to a shared module, or name the file in eslint/fence.js.`,
        });
        return;
      }
      if (node.importKind === 'type' || node.exportKind === 'type') return;
      const back = pathBetween(there, here);
      if (back) context.report({ node: node.source, message: `Import cycle between features: ${[here, ...back].join(' → ')}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const plugin = { rules: { 'feature-fence': featureFence } };
export default plugin;
