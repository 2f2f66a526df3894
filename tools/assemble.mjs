// Assembles pkg/bzconsent-ui.js (the UI, loaded by the guard when something must be shown): wasm-bindgen's no-modules glue and the optimised Wasm module,
// inlined as a one-character-per-byte string (a template literal), plus the boot lines that start
// it synchronously.
// Usage: node tools/assemble.mjs <glue.js> <module.wasm> <out.js>
//
// Bytes saved on the way (README, "Build"):
// - the module's import and export names (wasm-bindgen's hashed `__wbg_…_0123456789abcdef`
//   names, long closure-shim exports) are renamed to one or two letters by binaryen's own
//   `--minify-imports-and-exports-and-modules`, and the glue after the mapping it prints: the
//   hashes are random and do not compress;
// - the glue's asynchronous loader, never used by a script that starts synchronously, is cut;
// - the glue and boot lines are minified with terser (pinned in package-lock.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import { templateLiteral } from './literal.mjs';
import { execFileSync } from 'node:child_process';

const WASM_OPT = 'node_modules/.bin/wasm-opt';
const FEATURES = ['--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals',
  '--enable-call-indirect-overlong'];

const [glueFile, wasmFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node tools/assemble.mjs <glue.js> <module.wasm> <out.js>');
  process.exit(2);
}
const fail = (message) => {
  console.error(`assemble: ${message}`);
  process.exit(1);
};

// ---------------------------------------------------------------------------------------------
// Renaming the module's imports and exports: binaryen's own pass
// ---------------------------------------------------------------------------------------------

/**
 * Renames every import (module and field) and export of the module with wasm-opt's
 * `--minify-imports-and-exports-and-modules` (from the pinned npm package `binaryen`), which
 * prints the mapping it used. Returns the new module and the maps old → new.
 */
function renameModule(file) {
  const out = file.replace(/\.wasm$/, '.min.wasm');
  const mapping = JSON.parse(
    execFileSync(WASM_OPT, [file, '--minify-imports-and-exports-and-modules', ...FEATURES, '-o', out], {
      encoding: 'utf8',
    }),
  );
  const wasm = readFileSync(out);
  const [module] = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module);
  const modules = new Map(mapping.imports.map(([old]) => [old, module]));
  const imports = new Map(mapping.imports.map(([, old, short]) => [old, short]));
  const exports = new Map(mapping.exports);
  return { wasm, modules, imports, exports };
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Applies the module's renaming to the glue; every import must be found there. */
function renameGlue(glue, { modules, imports, exports }) {
  for (const [old, short] of modules) {
    const re = new RegExp(`(["'])${escapeRe(old)}\\1:`, 'g');
    if (!re.test(glue)) throw new Error(`import module ${old} not found in the glue`);
    glue = glue.replace(re, `${short}:`);
  }
  for (const [old, short] of imports) {
    const re = new RegExp(`(^|[\\s{,])${escapeRe(old)}:`, 'gm');
    if (!re.test(glue)) throw new Error(`import ${old} not found in the glue`);
    glue = glue.replace(re, `$1${short}:`);
  }
  for (const [old, short] of exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escapeRe(old)}\\b`, 'g'), `wasm.${short}`);
  }
  // Any long name left behind would be a call into nothing.
  const left = glue.match(/\bwasm\.(__wbindgen_\w+|wasm_bindgen_\w+)/);
  if (left) throw new Error(`export ${left[1]} left unrenamed in the glue`);
  return glue;
}

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

let glue = readFileSync(glueFile, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
let renamed;
try {
  renamed = renameModule(wasmFile);
  glue = renameGlue(glue, renamed);
} catch (err) {
  fail(err.message);
}
const wasm = renamed.wasm;
// Check the module is still well formed before shipping it.
if (!WebAssembly.validate(wasm)) fail('the renamed module does not validate');

// Only `initSync` is used: drop the asynchronous loader (and `fetch`/streaming code with it).
const asyncExport = 'return Object.assign(__wbg_init, { initSync }, exports);';
if (!glue.includes(asyncExport)) fail('glue has changed shape: asynchronous loader not found');
glue = glue.replace(asyncExport, 'return Object.assign({ initSync }, exports);');

// The boot lines: the only hand-written JavaScript that ships. Everything else is Rust. They
// and the glue sit in one try: whatever fails (no WebAssembly, a CSP without 'wasm-unsafe-eval'
// throwing CompileError, an engine refusing synchronous compilation with RangeError, a missing
// API the glue needs) is one console error, never an exception in the page; every script
// marked for consent stays `text/plain`, so nothing that needs consent runs.
const PLACEHOLDER = '__BZCONSENT_MODULE_BYTES__';
// The module's bytes from its one-character-per-byte string: where the engine has
// Uint8Array.fromBase64, through btoa and it (both native: about 1 ms for the whole module on
// a phone-speed CPU, where a JavaScript loop over the characters takes 5 to 25 ms); else that
// loop, in a function of its own so that the engine optimises it while it runs.
// The UI is loaded asynchronously anyway: its module is compiled asynchronously too, off the
// main thread where the engine can, then instantiated at once (initSync given a compiled module).
const boot = `
  var s = ${PLACEHOLDER};
  WebAssembly.compile(Uint8Array.fromBase64 ? Uint8Array.fromBase64(btoa(s)) : (function (s) {
    for (var b = new Uint8Array(s.length), i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  })(s)).then(function (module) {
    wasm_bindgen.initSync({ module: module });
    ui = wasm_bindgen;
    start();
  }).catch(fail);
} catch (e) {
  fail(e);
}`;

// The IIFE keeps wasm-bindgen's names out of the page's global scope.
// The shell (src/ui/shell.js): the UI's browser work, after the glue; `ui` is the module's
// exports once instantiated, `link` the guard's link, checked before anything is compiled.
const css = (name) => JSON.stringify(readFileSync(new URL(`../src/ui/${name}`, import.meta.url), 'utf8').replace(/\n\s*/g, ''));
const shell = readFileSync(new URL('../src/ui/shell.js', import.meta.url), 'utf8');
const source = '(function(){\nfunction fail(e) {\n  console.error("bzconsent: the consent banner could not start; everything that needs consent stays blocked.", e);\n}\n' +
  'var link = window.__bzconsentLink, ui, CSS = ' + css('styles.css') + ', PLACEHOLDER_CSS = ' + css('placeholder.css') + ';\n' +
  'if (!link || typeof link !== "object") return console.error("bzconsent: bzconsent-ui.js is loaded by bzconsent.js; load that instead");\n' +
  'try {\n' + glue.trim() + '\n' + shell + '\n' + boot + '\n})();\n';
const min = await minify(source, {
  ecma: 2017,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
if (!min.code) fail('terser produced nothing');
// The placeholder is an undeclared name, so terser can neither rename nor evaluate it.
if (min.code.split(PLACEHOLDER).length !== 2) fail('module placeholder lost in minification');
let literal;
try {
  literal = templateLiteral(wasm);
} catch (err) {
  fail(err.message);
}

// A BOM makes browsers read the file as UTF-8 whatever the page's encoding. The magic comment
// (V8's explicit compile hints, Chrome 136 and later; a plain comment elsewhere) has the glue's
// functions, nearly all called at start, compiled while the file streams in, off the main
// thread, instead of one by one on the main thread at their first call.
const out = '\ufeff//# allFunctionsCalledOnLoad\n/*! bzconsent-ui | MIT */\n' + min.code.replace(PLACEHOLDER, () => literal) + '\n';
writeFileSync(outFile, out, 'utf8');
// The parts as shipped, for `make size`: the renamed module, and the minified glue and boot lines.
writeFileSync(wasmFile.replace(/(\.opt)?\.wasm$/, '.shipped.wasm'), wasm);
writeFileSync(glueFile.replace(/\.js$/, '.min.js'), min.code);
console.log(`${outFile}: ${Buffer.byteLength(out)} bytes (wasm ${wasm.length}, ` +
  `${renamed.imports.size} imports and ${renamed.exports.size} exports renamed)`);
