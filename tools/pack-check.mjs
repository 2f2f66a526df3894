// Checks that pkg/ packs as the npm package a site installs: `npm pack --dry-run` lists exactly
// the files a site hosts (guard, UI, its five language files, network shield, types) plus the package's own package.json and README.
import { execFileSync } from 'node:child_process';

const want = ['README.md', 'bzconsent-lang-az.js', 'bzconsent-lang-en.js', 'bzconsent-lang-ru.js', 'bzconsent-lang-tr.js',
  'bzconsent-lang-zh.js', 'bzconsent-sw.js', 'bzconsent-ui.js', 'bzconsent.d.ts', 'bzconsent.js', 'package.json'];
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: 'pkg', encoding: 'utf8' });
const [info] = JSON.parse(out);
const files = info.files.map((f) => f.path).sort();
if (JSON.stringify(files) !== JSON.stringify(want)) {
  console.error(`pack-check: npm pack of pkg/ holds ${files.join(', ')}; expected ${want.join(', ')}`);
  process.exit(1);
}
console.log(`pack-check: ${info.name}@${info.version} packs ${files.length} files (${info.size} B packed)`);
