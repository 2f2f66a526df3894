// The largest functions of a WebAssembly module, by the size of their code, with their names
// from the module's name section (`make size` shows the guard's, optimised as shipped but with
// names kept). Usage: node tools/wasm-functions.mjs <module.wasm> [count]
import { readFileSync } from 'node:fs';

/** Reads an unsigned LEB128 number at `at`; [value, next offset]. */
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** [{name, size}] of every function body, largest first. */
export function functionSizes(buf) {
  let at = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  while (at < buf.length) {
    const id = buf[at];
    let size;
    [size, at] = leb(buf, at + 1);
    const end = at + size;
    if (id === 2) {
      // Imports: functions among them take the first indices.
      let count;
      let p;
      [count, p] = leb(buf, at);
      for (let i = 0; i < count; i++) {
        for (let s = 0; s < 2; s++) {
          let len;
          [len, p] = leb(buf, p);
          p += len;
        }
        const kind = buf[p++];
        if (kind === 0) {
          imported++;
          [, p] = leb(buf, p);
        } else if (kind === 1) {
          p++;
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 2) {
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 3) p += 2;
        else p += 1 + 4;
      }
    } else if (id === 10) {
      let count;
      let p;
      [count, p] = leb(buf, at);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(buf, p);
        bodies.push(len);
        p += len;
      }
    } else if (id === 0) {
      let len;
      let p;
      [len, p] = leb(buf, at);
      const sectionName = buf.subarray(p, p + len).toString();
      p += len;
      if (sectionName === 'name') {
        while (p < end) {
          const sub = buf[p];
          let subSize;
          [subSize, p] = leb(buf, p + 1);
          if (sub === 1) {
            let count;
            let q;
            [count, q] = leb(buf, p);
            for (let i = 0; i < count; i++) {
              let index;
              let nameLen;
              [index, q] = leb(buf, q);
              [nameLen, q] = leb(buf, q);
              names.set(index, buf.subarray(q, q + nameLen).toString());
              q += nameLen;
            }
          }
          p += subSize;
        }
      }
    }
    at = end;
  }
  return bodies
    .map((size, i) => ({ name: names.get(imported + i) || `function ${imported + i}`, size }))
    .sort((a, b) => b.size - a.size);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count = '25'] = process.argv.slice(2);
  const list = functionSizes(readFileSync(file));
  const total = list.reduce((a, f) => a + f.size, 0);
  console.log(`${list.length} functions, ${total} B of code`);
  for (const f of list.slice(0, Number(count))) console.log(String(f.size).padStart(7) + '  ' + f.name);
}
