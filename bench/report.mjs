// Output: one JSON file per scenario in bench/results/, and a markdown table on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const passText = (p) => (p === null ? '—' : p ? 'pass' : '**miss**');

export function writeJson(stamp, scenario, data) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${stamp}-${scenario}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export function markdownTable(scenario, checks) {
  const rows = [
    `| ${scenario} | target | sink | service | result |`,
    '| --- | --- | --- | --- | --- |',
    ...checks.map(
      (c) => `| ${c.metric} | ${c.target} | ${c.sink} | ${c.service} | ${passText(c.pass)} |`,
    ),
  ];
  return rows.join('\n');
}
