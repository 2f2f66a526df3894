// Assembles pkg/bzconsent-ui.js (the UI, loaded by the guard when something must be shown): wasm-bindgen's no-modules glue and the optimised Wasm module,
// inlined as a one-character-per-byte string (a template literal), plus the boot lines that start
// it synchronously.
// Usage: node tools/assemble.mjs <glue.js> <module.wasm> <out.js>
//
// Bytes saved on the way (see README, "Size"):
// - the module's import and export names (wasm-bindgen's hashed `__wbg_…_0123456789abcdef`
//   names, long closure-shim exports) are renamed to one or two letters, in the module and in
//   the glue alike: the hashes are random and do not compress;
// - the glue's asynchronous loader, never used by a script that starts synchronously, is cut;
// - the glue and boot lines are minified with terser (pinned in package-lock.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';

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
// Renaming the module's imports and exports
// ---------------------------------------------------------------------------------------------

/** Short names: a … z, A … Z, then two characters. No JS keyword is among them. */
const shortName = (i) => {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const n = chars.length;
  if (i < n) return chars[i];
  if (i < n + n * n) return chars[Math.floor((i - n) / n)] + chars[(i - n) % n];
  throw new Error('too many names');
};

/** A reader over a byte array with LEB128. */
class Reader {
  constructor(bytes, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of module');
    return this.bytes[this.pos++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return result >>> 0;
      shift += 7;
    }
  }
  /** Skips an unsigned LEB128 of any width (limits may be 64-bit). */
  skipLeb() {
    while (this.byte() & 0x80);
  }
  name() {
    const len = this.u32();
    const start = this.pos;
    this.pos += len;
    return Buffer.from(this.bytes.subarray(start, this.pos)).toString('utf8');
  }
}

const leb = (value) => {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return Buffer.from(out);
};
const encName = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([leb(b.length), b]);
};

/** Skips an import's description (after its kind byte). */
function skipImportDesc(r, kind) {
  const limits = () => {
    const flags = r.byte();
    r.skipLeb();
    if (flags & 1) r.skipLeb();
  };
  switch (kind) {
    case 0: r.u32(); break; // function: type index
    case 1: r.byte(); limits(); break; // table: reference type, limits
    case 2: limits(); break; // memory
    case 3: r.byte(); r.byte(); break; // global: value type, mutability
    case 4: r.byte(); r.u32(); break; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/**
 * Renames every import (module and field) and export of `wasm`.
 * Returns the new module and the maps old → new.
 */
function renameModule(wasm) {
  const r = new Reader(wasm, 8);
  const parts = [wasm.subarray(0, 8)];
  const modules = new Map();
  const imports = new Map();
  const exports = new Map();
  let next = 0;
  while (r.pos < wasm.length) {
    const sectionStart = r.pos;
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (id === 2 || id === 7) {
      const count = r.u32();
      const body = [leb(count)];
      for (let i = 0; i < count; i++) {
        if (id === 2) {
          const module = r.name();
          const field = r.name();
          const descStart = r.pos;
          const kind = r.byte();
          skipImportDesc(r, kind);
          if (!modules.has(module)) modules.set(module, shortName(modules.size));
          if (imports.has(field)) throw new Error(`import ${field} twice`);
          imports.set(field, shortName(imports.size));
          body.push(encName(modules.get(module)), encName(imports.get(field)), wasm.subarray(descStart, r.pos));
        } else {
          const name = r.name();
          const kindAndIndex = r.pos;
          r.byte();
          r.u32();
          exports.set(name, shortName(next++));
          body.push(encName(exports.get(name)), wasm.subarray(kindAndIndex, r.pos));
        }
      }
      if (r.pos !== end) throw new Error(`section ${id} has trailing bytes`);
      const payload = Buffer.concat(body);
      parts.push(Buffer.from([id]), leb(payload.length), payload);
    } else {
      parts.push(wasm.subarray(sectionStart, end));
    }
    r.pos = end;
  }
  return { wasm: Buffer.concat(parts), modules, imports, exports };
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
  renamed = renameModule(readFileSync(wasmFile));
  glue = renameGlue(glue, renamed);
} catch (err) {
  fail(err.message);
}
const wasm = renamed.wasm;
// Check the module is still well formed before shipping it.
if (!WebAssembly.validate(wasm)) fail('the renamed module does not validate');

// `initSync` is used, and where the engine refuses to compile synchronously (old WebViews: not
// over 4 KB) a bare asynchronous start from the bytes: drop wasm-bindgen's asynchronous loader
// (and its `fetch`/streaming code).
const asyncExport = 'return Object.assign(__wbg_init, { initSync }, exports);';
if (!glue.includes(asyncExport)) fail('glue has changed shape: asynchronous loader not found');
if (!glue.includes('function __wbg_finalize_init(instance, module)')) fail('glue has changed shape: __wbg_finalize_init not found');
glue = glue.replace(asyncExport, 'return { initSync, later: (b) => WebAssembly.instantiate(b, __wbg_get_imports()).then((r) => { __wbg_finalize_init(r.instance, r.module); }) };');

// One JS string character per byte, in a template literal. Only backslash, backtick, `${` and
// carriage return (a template reads it as a line feed) are escaped: a template may hold every
// other character raw, line feeds and NUL bytes (a tenth of the module) included, where `\0`
// escapes in a string literal cost 1.1 kB after brotli.
let bytes = '';
for (let i = 0; i < wasm.length; i++) {
  const b = wasm[i];
  if (b === 0x5c) bytes += '\\\\';
  else if (b === 0x60) bytes += '\\`';
  else if (b === 0x0d) bytes += '\\r';
  else if (b === 0x24 && wasm[i + 1] === 0x7b) bytes += '\\$';
  else bytes += String.fromCharCode(b);
}

// Check the literal reads back as the module, byte for byte.
const readBack = new Function('return `' + bytes + '`')();
if (readBack.length !== wasm.length || [...wasm].some((b, i) => readBack.charCodeAt(i) !== b)) {
  fail('the module does not read back from its literal');
}

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
const boot = `
  var s = ${PLACEHOLDER};
  var b = Uint8Array.fromBase64 ? Uint8Array.fromBase64(btoa(s)) : (function (s) {
    for (var b = new Uint8Array(s.length), i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  })(s);
  try {
    wasm_bindgen.initSync({ module: b });
  } catch (e) {
    // Old WebViews refuse synchronous compilation over 4 KB: this file loads asynchronously
    // anyway, so the module is compiled asynchronously.
    if (!(e instanceof RangeError)) throw e;
    wasm_bindgen.later(b).catch(failed);
  }
} catch (e) {
  failed(e);
}
function failed(e) {
  console.error("bzconsent: the consent banner could not start; everything that needs consent stays blocked.", e);
}`;

// The IIFE keeps wasm-bindgen's names out of the page's global scope.
const source = '(function(){\ntry {\n' + glue.trim() + '\n' + boot + '\n})();\n';
const min = await minify(source, {
  ecma: 2017,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
if (!min.code) fail('terser produced nothing');
// The placeholder is an undeclared name, so terser can neither rename nor evaluate it.
if (min.code.split(PLACEHOLDER).length !== 2) fail('module placeholder lost in minification');

// A BOM makes browsers read the file as UTF-8 whatever the page's encoding. The magic comment
// (V8's explicit compile hints, Chrome 136 and later; a plain comment elsewhere) has the glue's
// functions, nearly all called at start, compiled while the file streams in, off the main
// thread, instead of one by one on the main thread at their first call.
const out = '\ufeff//# allFunctionsCalledOnLoad\n/*! bzconsent-ui | MIT */\n' + min.code.replace(PLACEHOLDER, () => '`' + bytes + '`') + '\n';
writeFileSync(outFile, out, 'utf8');
// The parts as shipped, for `make size`: the renamed module, and the minified glue and boot lines.
writeFileSync(wasmFile.replace(/(\.opt)?\.wasm$/, '.shipped.wasm'), wasm);
writeFileSync(glueFile.replace(/\.js$/, '.min.js'), min.code);
console.log(`${outFile}: ${Buffer.byteLength(out)} bytes (wasm ${wasm.length}, ` +
  `${renamed.imports.size} imports and ${renamed.exports.size} exports renamed)`);
