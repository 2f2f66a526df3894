// Assembles pkg/bzconsent.js: wasm-bindgen's no-modules glue and the optimised Wasm module,
// inlined as a one-character-per-byte string, plus the boot lines that start it synchronously.
// Usage: node tools/assemble.mjs <glue.js> <module.wasm> <out.js>
import { readFileSync, writeFileSync } from 'node:fs';

const [glueFile, wasmFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node tools/assemble.mjs <glue.js> <module.wasm> <out.js>');
  process.exit(2);
}
const glue = readFileSync(glueFile, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
const wasm = readFileSync(wasmFile);

// One JS string character per byte. Escaped: backslash, quote, line breaks, and NUL (as \0
// unless a digit follows, where \0 would read as an octal escape).
let bytes = '';
for (let i = 0; i < wasm.length; i++) {
  const b = wasm[i];
  if (b === 0x5c) bytes += '\\\\';
  else if (b === 0x22) bytes += '\\"';
  else if (b === 0x0a) bytes += '\\n';
  else if (b === 0x0d) bytes += '\\r';
  else if (b === 0x00) bytes += (wasm[i + 1] >= 0x30 && wasm[i + 1] <= 0x39) ? '\\x00' : '\\0';
  else bytes += String.fromCharCode(b);
}

// The boot lines: the only hand-written JavaScript that ships. Everything else is Rust. They
// and the glue sit in one try: whatever fails (no WebAssembly, a CSP without 'wasm-unsafe-eval'
// throwing CompileError, an engine refusing synchronous compilation with RangeError, a missing
// API the glue needs) is one console error, never an exception in the page; every script
// marked for consent stays `text/plain`, so nothing that needs consent runs.
const boot = `
  var s = "${bytes}", b = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  wasm_bindgen.initSync({ module: b });
} catch (e) {
  console.error("bzconsent: WebAssembly could not start (unsupported, or blocked by the page's Content-Security-Policy: add 'wasm-unsafe-eval' to script-src). Everything that needs consent stays blocked.", e);
}`;

// A BOM makes browsers read the file as UTF-8 whatever the page's encoding; the IIFE keeps
// wasm-bindgen's names out of the page's global scope.
// __bzArgs: gtag.js reads only commands pushed as an `arguments` object (see src/web/gcm.rs).
const out = '\ufeff/*! bzconsent | MIT */\n(function(){\nfunction __bzArgs(){return arguments}\ntry {\n' + glue.trim() + '\n' + boot + '\n})();\n';
writeFileSync(outFile, out, 'utf8');
console.log(`${outFile}: ${Buffer.byteLength(out)} bytes (wasm ${wasm.length})`);
