// Prints raw / gzip -9 / brotli -q 11 sizes of pkg/bzconsent.js and its parts.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const sizes = (buf) => [
  buf.length,
  gzipSync(buf, { level: 9 }).length,
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
];
const rows = [];
const add = (name, buf) => rows.push([name, ...sizes(buf)]);
const js = readFileSync('pkg/bzconsent.js');
add('pkg/bzconsent.js', js);
const wasmFile = 'target/pkg-build/bzconsent.shipped.wasm';
if (existsSync(wasmFile)) add('  wasm module (as inlined)', readFileSync(wasmFile));
const glueFile = 'target/pkg-build/bzconsent.min.js';
if (existsSync(glueFile)) add('  glue and boot lines (min.)', readFileSync(glueFile));
add('  CSS (inside the wasm)', readFileSync('src/web/ui/styles.css'));
// String literals of a Rust source file (outside its tests), as shipped inside the module.
const literals = (file) => {
  const src = readFileSync(file, 'utf8').split('#[cfg(test)]')[0];
  const parts = [...src.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  return Buffer.from(parts.join('\n'));
};
add('  texts (5 languages)', literals('src/core/i18n.rs'));
add('  tracker catalogue strings', literals('src/core/catalogue.rs'));
const pad = (s, n) => String(s).padStart(n);
console.log('part'.padEnd(28) + pad('raw', 9) + pad('gzip -9', 10) + pad('brotli', 9));
for (const [name, raw, gz, br] of rows) console.log(name.padEnd(28) + pad(raw, 9) + pad(gz, 10) + pad(br, 9));
