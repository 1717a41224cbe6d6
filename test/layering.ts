import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import ts from "typescript";

/**
 * The layering rules of CONVENTIONS.md, checked on the parsed source (TypeScript's own parser, not regexes):
 * who may touch the database, who may import whose tables, what the core may import, file length, casts.
 */
export type Violation = { rule: Rule; file: string; detail: string };
export type Rule =
  | "database-outside-data"
  | "foreign-tables"
  | "core-imports-feature"
  | "too-long"
  | "double-cast";
export type SourceFile = { path: string; text: string };

export const MAX_LINES = 400;

type ImportRef = { specifier: string; typeOnly: boolean };

/** Every import and re-export of a file, with whether it is only for types (those reach no database). */
export function importsOf(file: SourceFile): ImportRef[] {
  const source = ts.createSourceFile(
    file.path,
    file.text,
    ts.ScriptTarget.Latest,
    false,
    scriptKind(file.path),
  );
  const refs: ImportRef[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      refs.push({ specifier: statement.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      refs.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  // Dynamic imports (await import("…")) count as value imports.
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** Positions (1-based lines) of `x as unknown as T`. */
export function doubleCastsOf(file: SourceFile): number[] {
  const source = ts.createSourceFile(
    file.path,
    file.text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(file.path),
  );
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isAsExpression(node) &&
      ts.isAsExpression(node.expression) &&
      node.expression.type.kind === ts.SyntaxKind.UnknownKeyword
    ) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function scriptKind(path: string) {
  return path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** The repository-relative path (posix) an import points at, or the package name for a bare specifier. */
function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, ".ts");
}

function featureOf(path: string): string | null {
  const parts = path.split("/");
  return parts[0] === "src" && parts[1] === "features" && parts.length > 3 ? parts[2] : null;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** The modules that reach the database: Drizzle's builders, the core's handles and statements, any tables. */
function touchesDatabase(target: string) {
  return (
    target === "drizzle-orm" ||
    target.startsWith("drizzle-orm/") ||
    target === "src/core/db.ts" ||
    target === "src/core/statements.ts" ||
    target.endsWith("/tables.ts")
  );
}

// The core's plumbing that is the database layer itself.
const coreDataFiles = new Set(
  // ids.ts: the key column every tables.ts uses (drizzle's column builder, no query).
  [
    "db",
    "statements",
    "tables",
    "ids",
    "events",
    "outbox",
    "idempotency",
    "transaction",
    "audit",
    "auth",
    "retention",
    "templates",
  ].map((name) => `src/core/${name}.ts`),
);

// The entry points open the database they hand to buildApp.
const entryPoints = new Set(["src/main.ts", "src/cli.ts"]);

/** Data files: data.ts, mutations.ts, sweeps.ts, tables.ts of a feature, or inside its data/, mutations/, steps/. */
export function isDataFile(path: string): boolean {
  if (path.startsWith("src/cli/") || coreDataFiles.has(path) || entryPoints.has(path)) return true;
  // The hall event stream's write, hub and prune (src/core/events/) are database plumbing too.
  if (path.startsWith("src/core/events/")) return true;
  const feature = featureOf(path);
  if (!feature) return false;
  const inFeature = path.slice(`src/features/${feature}/`.length);
  if (["data.ts", "mutations.ts", "sweeps.ts", "tables.ts"].includes(inFeature)) return true;
  return /^(data|mutations|steps)\//.test(inFeature);
}

/** All violations of the rules in the given files (paths relative to the repository, posix). */
export function checkLayering(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const { path } = file;
    const lines = file.text.split("\n").length - (file.text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_LINES) violations.push({ rule: "too-long", file: path, detail: `${lines} lines` });
    for (const line of doubleCastsOf(file)) {
      violations.push({ rule: "double-cast", file: path, detail: `line ${line}` });
    }
    if (!path.startsWith("src/") || isTest(path)) continue;
    const feature = featureOf(path);
    for (const ref of importsOf(file)) {
      const target = resolve(path, ref.specifier);
      if (!ref.typeOnly && touchesDatabase(target) && !isDataFile(path)) {
        violations.push({ rule: "database-outside-data", file: path, detail: ref.specifier });
      }
      const targetFeature = featureOf(target);
      // A table may name another feature's table in a foreign key (one database, one schema); nothing
      // else of a feature may import another's tables.
      const foreignKey = path.endsWith("/tables.ts");
      if (
        feature &&
        !foreignKey &&
        target.endsWith("/tables.ts") &&
        targetFeature &&
        targetFeature !== feature
      ) {
        violations.push({ rule: "foreign-tables", file: path, detail: ref.specifier });
      }
      if (path.startsWith("src/core/") && target.startsWith("src/features/")) {
        violations.push({ rule: "core-imports-feature", file: path, detail: ref.specifier });
      }
    }
  }
  return violations;
}

/** The source files the rules apply to: src/ and web/src/, without the generated API types. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const path = relative(root, full).split(sep).join("/");
        if (path === "web/src/api/schema.d.ts") continue;
        out.push({ path, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(join(root, "src"));
  walk(join(root, "web", "src"));
  return out;
}

export const repositoryRoot = join(dirname(new URL(import.meta.url).pathname), "..");
