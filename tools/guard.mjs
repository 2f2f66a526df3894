// Assembles a file around the guard's Wasm module: pkg/bzconsent.js (the guard, the files of
// src/guard/page/ joined in the order of their names) or pkg/bzconsent-sw.js (the network
// shield, src/guard/sw.js). The JavaScript is minified with terser (pinned in
// package-lock.json) and the module inlined as a one-character-per-byte template literal
// (tools/literal.mjs); the minified JavaScript alone goes to <min.js> for `make size`.
// Usage: node tools/guard.mjs <source.js | source directory> <module.wasm> <out.js> <min.js>
import { readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { templateLiteral } from './literal.mjs';

const [jsFile, wasmFile, outFile, minFile] = process.argv.slice(2);
const fail = (message) => {
  console.error(`guard.mjs (${outFile}): ${message}`);
  process.exit(1);
};
if (!minFile) fail('usage: node tools/guard.mjs <source.js> <module.wasm> <out.js> <min.js>');

const PLACEHOLDER = '__BZ_MODULE__';
const wasm = readFileSync(wasmFile);
if (!WebAssembly.validate(wasm)) fail('the module does not validate');
const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
if (imports.length) fail(`the guard's module must import nothing; it imports ${imports.map((i) => i.name).join(', ')}`);
/** The source: one file, or the `.js` files of a directory in the order of their names. */
function readSource(from) {
  if (!statSync(from).isDirectory()) return readFileSync(from, 'utf8');
  return readdirSync(from)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => readFileSync(path.join(from, f), 'utf8'))
    .join('\n');
}
const source = readSource(jsFile);
const min = await minify(source, {
  ecma: 2017,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ },
});
if (!min.code) fail('terser produced nothing');
// The placeholder is an undeclared name, so terser can neither rename nor evaluate it.
if (min.code.split(PLACEHOLDER).length !== 2) fail('module placeholder lost in minification');
let literal;
try {
  literal = templateLiteral(wasm);
} catch (e) {
  fail(e.message);
}
// A BOM makes browsers read the file as UTF-8 whatever the page's encoding.
const out = '\ufeff' + min.code.replace(PLACEHOLDER, () => literal) + '\n';
writeFileSync(outFile, out, 'utf8');
writeFileSync(minFile, min.code);
const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).length;
console.log(`${outFile}: ${Buffer.byteLength(out)} bytes (wasm ${wasm.length}, ${exports} exports, no imports; JavaScript ${Buffer.byteLength(min.code) - PLACEHOLDER.length})`);
