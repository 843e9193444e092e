import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

const BENCH_DIR = join(__dirname, '..');
/** Under node_modules: ignored by git, lint and prettier; resolves packages. */
const OUT_DIR = join(BENCH_DIR, '..', 'node_modules', '.cache', 'wh-bench');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Transpiles bench/ to plain JavaScript once per run, so worker processes
 * start without a TypeScript loader: their RSS and CPU are the workload's,
 * not the compiler's.
 */
export function compileBench(): void {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  for (const file of tsFiles(BENCH_DIR)) {
    const out = join(OUT_DIR, relative(BENCH_DIR, file)).replace(
      /\.ts$/,
      '.js',
    );
    mkdirSync(dirname(out), { recursive: true });
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    });
    writeFileSync(out, outputText);
  }
}

/** The compiled path of a bench/ file, e.g. `workers/raw-http.worker.ts`. */
export function compiledScript(benchRelativePath: string): string {
  return join(OUT_DIR, benchRelativePath.replace(/\.ts$/, '.js'));
}
