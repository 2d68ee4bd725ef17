import { isBuiltin } from 'node:module';
import { dirname, posix } from 'node:path';
import ts from 'typescript';

/** A file tree with `/`-separated paths relative to the app's root: a checkout or an asar. */
export interface FileTree {
  isFile(path: string): boolean;
  read(path: string): string;
}

/** What the app loads at run time, found by following its code from its entry points. */
export interface LoadGraph {
  /** The app's own files: JavaScript, HTML, CSS. */
  files: Set<string>;
  /** Each runtime package as `name@version`, keyed by its folder. */
  packages: Map<string, string>;
  /** Each thing that could not be found, in words. */
  missing: string[];
}

/** Provided by Electron itself, never packed. */
const PROVIDED = new Set(['electron']);

/**
 * Follows the built code the way Node and Chromium load it: every static and dynamic import,
 * `require`, `new URL('./x', import.meta.url)` and, in HTML, every local `src`/`href`. Bare
 * specifiers are resolved to packages with Node's `node_modules` lookup and followed through
 * their `dependencies` (and the `optionalDependencies` that are installed).
 */
export function loadGraph(tree: FileTree, entries: readonly string[]): LoadGraph {
  const graph: LoadGraph = { files: new Set(), packages: new Map(), missing: [] };
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (graph.files.has(file)) continue;
    if (!tree.isFile(file)) {
      graph.missing.push(`file ${file}`);
      continue;
    }
    graph.files.add(file);
    for (const reference of referencesIn(file, tree.read(file))) {
      if (reference.startsWith('.'))
        pending.push(posix.normalize(posix.join(dirname(file), reference)));
      else if (!isBuiltin(reference) && !PROVIDED.has(packageName(reference)))
        addPackage(tree, graph, dirname(file), packageName(reference), `imported by ${file}`);
    }
  }
  return graph;
}

function referencesIn(file: string, text: string): string[] {
  if (file.endsWith('.html')) return htmlReferences(text);
  if (/\.[cm]?js$/.test(file)) return codeReferences(file, text);
  return [];
}

function htmlReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"#:]+)"/g)].map((m) => `./${m[1]}`);
}

function codeReferences(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) =>
    node && ts.isStringLiteralLike(node) ? node.text : undefined;
  const visit = (node: ts.Node): void => {
    let specifier: string | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node))
      specifier = literal(node.moduleSpecifier);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const requireCall = ts.isIdentifier(callee) && callee.text === 'require';
      if (dynamicImport || requireCall) specifier = literal(node.arguments[0]);
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[1]?.getText(source) === 'import.meta.url'
    )
      specifier = literal(node.arguments[0]);
    if (specifier !== undefined) found.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Node's lookup: `node_modules/<name>` in the folder and each folder above it. */
function findPackage(tree: FileTree, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = posix.join(dir === '.' ? '' : dir, 'node_modules', name);
    if (tree.isFile(`${candidate}/package.json`)) return candidate;
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

interface PackageJson {
  name: string;
  version: string;
  main?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function addPackage(
  tree: FileTree,
  graph: LoadGraph,
  from: string,
  name: string,
  why: string,
  optional = false,
): void {
  const dir = findPackage(tree, from, name);
  if (!dir) {
    if (!optional) graph.missing.push(`package ${name} (${why})`);
    return;
  }
  if (graph.packages.has(dir)) return;
  const manifest = JSON.parse(tree.read(`${dir}/package.json`)) as PackageJson;
  graph.packages.set(dir, `${manifest.name}@${manifest.version}`);
  const entries = entryFiles(manifest).map((entry) => posix.normalize(posix.join(dir, entry)));
  if (entries.length > 0 && !entries.some((entry) => tree.isFile(entry)))
    graph.missing.push(`entry of ${name}: one of ${entries.join(', ')}`);
  for (const dependency of Object.keys(manifest.dependencies ?? {}))
    addPackage(tree, graph, dir, dependency, `dependency of ${manifest.name}`);
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {}))
    addPackage(tree, graph, dir, dependency, `optional dependency of ${manifest.name}`, true);
}

/**
 * The files `import`/`require` of the bare name may load: exports["."] targets, or main, or
 * index.js. None for a package the bare name cannot load (subpath-only exports, types only).
 */
function entryFiles(manifest: PackageJson & { types?: string; typings?: string }): string[] {
  if (manifest.exports !== undefined && manifest.exports !== null) {
    const exports = manifest.exports;
    if (typeof exports === 'string' || Array.isArray(exports)) return targets(exports);
    const map = exports as Record<string, unknown>;
    const hasSubpaths = Object.keys(map).some((key) => key.startsWith('.'));
    return targets(hasSubpaths ? map['.'] : map);
  }
  if (manifest.main) return [manifest.main, `${manifest.main}.js`, `${manifest.main}/index.js`];
  if (manifest.types || manifest.typings) return [];
  return ['index.js'];
}

function targets(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('./') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(targets);
  // Type declarations are never loaded at run time.
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([condition, v]) =>
      condition === 'types' ? [] : targets(v),
    );
  return [];
}
