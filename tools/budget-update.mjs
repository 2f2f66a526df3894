// Sets each budget of tools/size-budget.json to its file's (or part's) current size (brotli -q 11): run
// after a build that shrank a file, and commit the lowered budget with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const path = 'tools/size-budget.json';
const budgets = JSON.parse(readFileSync(path, 'utf8'));
for (const [file, budget] of Object.entries(budgets.files)) {
  const size = brotliCompressSync(readFileSync(file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  if (size > budget.brotli) console.log(`${file}: ${size} B is over its budget of ${budget.brotli} B (raised)`);
  budget.brotli = size;
}
for (const [part, budget] of Object.entries(budgets.parts || {})) {
  const size = brotliCompressSync(readFileSync(budget.file), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  if (size > budget.brotli) console.log(`${part}: ${size} B is over its budget of ${budget.brotli} B (raised)`);
  budget.brotli = size;
}
writeFileSync(path, JSON.stringify(budgets, null, 2) + '\n');
console.log(Object.entries(budgets.files).map(([f, b]) => `${f}: ${b.brotli} B`).join(', '));
