// A Wasm module as a JavaScript template literal with one character per byte, and the check
// that it reads back as the module. Only backslash, backtick, `${` and carriage return (a
// template reads it as a line feed) are escaped: a template may hold every other character raw,
// line feeds and NUL bytes (a tenth of a module) included, where `\0` escapes in a string
// literal cost 1.1 kB after brotli.

/** The literal, backticks included. Throws when it would not read back byte for byte. */
export function templateLiteral(wasm) {
  let bytes = '';
  for (let i = 0; i < wasm.length; i++) {
    const b = wasm[i];
    if (b === 0x5c) bytes += '\\\\';
    else if (b === 0x60) bytes += '\\`';
    else if (b === 0x0d) bytes += '\\r';
    else if (b === 0x24 && wasm[i + 1] === 0x7b) bytes += '\\$';
    else bytes += String.fromCharCode(b);
  }
  const readBack = new Function('return `' + bytes + '`')();
  if (readBack.length !== wasm.length || [...wasm].some((b, i) => readBack.charCodeAt(i) !== b)) {
    throw new Error('the module does not read back from its literal');
  }
  return '`' + bytes + '`';
}
