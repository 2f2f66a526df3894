// `make size`: raw / gzip -9 / brotli -q 11 of every release file in pkg/ and of their parts,
// the guard module's imports and exports, and each file against its budget in
// tools/size-budget.json. With --check (part of `make test`) it only checks the budgets and
// fails when a file has grown past its budget (lower a budget as the file shrinks).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { functionSizes } from './wasm-functions.mjs';

const check = process.argv.includes('--check');
const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = (buf) => [buf.length, gzipSync(buf, { level: 9 }).length, brotli(buf)];
const budgets = JSON.parse(readFileSync('tools/size-budget.json', 'utf8'));

let failed = false;
const over = [];
for (const [file, budget] of Object.entries(budgets.files)) {
  if (!existsSync(file)) {
    over.push(`${file} is missing: run make build`);
    continue;
  }
  const br = brotli(readFileSync(file));
  if (br > budget.brotli) over.push(`${file}: ${br} B brotli, over its budget of ${budget.brotli} B`);
}
// The guard's parts, as the last build left them.
for (const [part, budget] of Object.entries(budgets.parts || {})) {
  if (!existsSync(budget.file)) {
    over.push(`${part} (${budget.file}) is missing: run make build`);
    continue;
  }
  const br = brotli(readFileSync(budget.file));
  if (br > budget.brotli) over.push(`${part}: ${br} B brotli, over its budget of ${budget.brotli} B`);
}
if (over.length) {
  failed = true;
  for (const line of over) console.error(`size: ${line}`);
}
if (check) {
  if (!failed) console.log(`size: every release file within its budget (tools/size-budget.json)`);
  process.exit(failed ? 1 : 0);
}

const rows = [];
const add = (name, buf) => buf && rows.push([name, ...sizes(buf)]);
const read = (f) => (existsSync(f) ? readFileSync(f) : null);
// Parts as shipped, from the last `make build`.
add('pkg/bzconsent.js (guard)', read('pkg/bzconsent.js'));
add('  guard module (wasm)', read('target/pkg-build/guard.wasm'));
add('  guard JavaScript (min.)', read('target/pkg-build/guard.min.js'));
add('pkg/bzconsent-sw.js (shield)', read('pkg/bzconsent-sw.js'));
add('  shield JavaScript (min.)', read('target/pkg-build/sw.min.js'));
add('pkg/bzconsent-ui.js (UI)', read('pkg/bzconsent-ui.js'));
add('  UI module (wasm)', read('target/pkg-build/bzconsent.shipped.wasm'));
add('  UI glue and shell (min.)', read('target/pkg-build/bzconsent.min.js'));
add('  UI CSS (in the shell)', read('src/ui/styles.css'));
for (const l of ['az', 'en', 'ru', 'tr', 'zh']) add(`pkg/bzconsent-lang-${l}.js`, read(`pkg/bzconsent-lang-${l}.js`));
// String literals of a Rust source file (outside its tests), as shipped inside a module.
const literals = (file) => {
  const src = readFileSync(file, 'utf8').split('#[cfg(test)]')[0];
  const parts = [...src.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  return Buffer.from(parts.join('\n'));
};
add('tracker catalogue strings', literals('src/core/catalogue.rs'));
const pad = (s, n) => String(s).padStart(n);
console.log('part'.padEnd(30) + pad('raw', 9) + pad('gzip -9', 10) + pad('brotli', 9) + pad('budget', 9));
for (const [name, raw, gz, br] of rows) {
  const budget = budgets.files[name.split(' ')[0]]?.brotli ?? '';
  console.log(name.padEnd(30) + pad(raw, 9) + pad(gz, 10) + pad(br, 9) + pad(budget, 9));
}
for (const [part, budget] of Object.entries(budgets.parts || {})) {
  const buf = read(budget.file);
  if (buf) console.log(`${part}: ${brotli(buf)} B brotli, budget ${budget.brotli}`);
}
const guard = read('target/pkg-build/guard.wasm');
if (guard) {
  const m = new WebAssembly.Module(guard);
  console.log(`guard module: ${WebAssembly.Module.imports(m).length} imports, ${WebAssembly.Module.exports(m).length} exports`);
}
// The guard module's largest functions: the module optimised as shipped, names kept.
const GUARD_UNOPT = 'target/release-guard/wasm32-unknown-unknown/release/bzconsent.wasm';
if (existsSync(GUARD_UNOPT)) {
  const named = 'target/pkg-build/guard.named.wasm';
  const flags = readFileSync('Makefile', 'utf8').match(/^WASM_OPT_FLAGS := ([^]*?)\n(?!\s)/m)[1].replace(/\\\n/g, ' ').split(/\s+/).filter((f) => f && f !== '--strip-debug');
  execFileSync('node_modules/.bin/wasm-opt', [...flags, '-g', GUARD_UNOPT, '-o', named]);
  const list = functionSizes(readFileSync(named));
  const total = list.reduce((a, f) => a + f.size, 0);
  console.log(`guard module: ${list.length} functions, ${total} B of code; the largest:`);
  const short = (n) => n.replace(/^_R[A-Za-z0-9_]*?9bzconsent/, '').replace(/Cs[0-9A-Za-z]{10,13}_/g, '');
  for (const f of list.slice(0, 20)) console.log(String(f.size).padStart(8) + '  ' + short(f.name).slice(0, 90));
}
// The guard's JavaScript, per source file: each minified alone (mangling then sees only the
// file's own names, so the figures are a little high; their sum is not the shipped size).
const { minify } = await import('terser');
const sources = readdirSync('src/guard/page').filter((f) => f.endsWith('.js')).sort().map((f) => `src/guard/page/${f}`);
console.log('guard JavaScript per source file: raw, minified alone, brotli of that');
for (const file of [...sources, 'src/guard/sw.js']) {
  const text = readFileSync(file, 'utf8');
  // Each file is a fragment of one function (the first opens it, the last closes it): wrapped
  // so that it parses alone.
  let min = null;
  for (const wrapped of [`(function(){${text}\n})`, `${text}\n})`, `(function(){${text}`, text]) {
    min = await minify(wrapped, { ecma: 2017, compress: false, mangle: true }).catch(() => null);
    if (min && min.code) break;
  }
  const code = min && min.code ? Buffer.from(min.code) : null;
  console.log(file.padEnd(34) + String(text.length).padStart(7) + String(code ? code.length : '?').padStart(8) + String(code ? brotli(code) : '?').padStart(7));
}
const ui = read('target/pkg-build/bzconsent.shipped.wasm');
if (ui) {
  const m = new WebAssembly.Module(ui);
  console.log(`UI module: ${WebAssembly.Module.imports(m).length} imports, ${WebAssembly.Module.exports(m).length} exports`);
}
// A first visit downloads the guard, the UI and the visitor's language file (Azerbaijani's
// here, the default: the largest but Russian's).
const first = ['pkg/bzconsent.js', 'pkg/bzconsent-ui.js', 'pkg/bzconsent-lang-az.js'].map((f) => brotli(readFileSync(f))).reduce((a, b) => a + b, 0);
console.log(`first visit (guard + UI + language file): ${first} B brotli; returning visit (guard only): ${brotli(readFileSync('pkg/bzconsent.js'))} B brotli`);
process.exit(failed ? 1 : 0);
