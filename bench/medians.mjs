// Medians over several runs: `node bench/medians.mjs [--last=3] [--quick] [--interpreter=<commit>]`
// reads the newest result files of each scenario in bench/results/ and prints the check table
// built from the median of every figure (what BENCHMARKS.md quotes), plus the per-run values of
// the headline; the interpreter's table from the newest runs that timed the same interpreter; and
// the UI table from the runs of the newest UI result files, pooled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SCENARIOS } from './config.mjs';
import { interpreterTable, medianOfRuns } from './interpreter-report.mjs';
import { markdownTable } from './report.mjs';
import { poolRuns, uiChecks, uiTable } from './ui-report.mjs';
import { median } from './stats.mjs';
import { checks } from './targets.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const { values } = parseArgs({
  options: {
    last: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    interpreter: { type: 'string' }, // e.g. a commit: the newest interpreter runs whose source names it
  },
});
const last = Math.max(1, Number(values.last) || 3);

function medianFigures(list) {
  const out = {};
  for (const key of Object.keys(list[0])) {
    const vals = list.map((f) => f[key]);
    out[key] = vals.every((v) => typeof v === 'number') ? median(vals) : vals[vals.length - 1];
  }
  return out;
}

for (const scenario of SCENARIOS) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`-${scenario}.json`))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((r) => r.quick === values.quick)
    .slice(-last);
  if (files.length === 0) continue;
  const figures = {
    sink: medianFigures(files.map((r) => r.sink.figures)),
    service: medianFigures(files.map((r) => r.service.figures)),
  };
  process.stdout.write(
    `${markdownTable(`${scenario} (median of ${files.length})`, checks(scenario, figures))}\n\n`,
  );
  const head = scenario === 'paced' ? 'durableP99Ms' : 'throughput';
  process.stdout.write(
    `Runs: ${files.map((r) => r.date).join(', ')}; service ${head} per run: ${files.map((r) => r.service.figures[head]).join(', ')}; ` +
      `sink: ${files.map((r) => r.sink.figures[head]).join(', ')}; other load before (% of a core): ${files.map((r) => r.machineBusyBeforePct ?? 'n/a').join(', ')}\n\n`,
  );
}

const interpreterRuns = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('-interpreter.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
  .filter((r) => r.quick === values.quick && r.interpreter?.includes(values.interpreter ?? ''));
if (interpreterRuns.length) {
  const newest = interpreterRuns[interpreterRuns.length - 1];
  // Only runs of the same interpreter (a commit, or the working tree at a commit) are comparable.
  const same = interpreterRuns.filter((r) => r.interpreter === newest.interpreter).slice(-last);
  process.stdout.write(
    `Interpreter (${newest.interpreter}, median of ${same.length} runs)\n\n` +
      `${interpreterTable(medianOfRuns(same), 'runs')}\n\n` +
      `Runs: ${same.map((r) => r.date).join(', ')}\n`,
  );
}

const uiRuns = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('-ui.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
  .filter((r) => r.quick === values.quick)
  .slice(-last);
if (uiRuns.length) {
  const pooled = poolRuns(uiRuns);
  process.stdout.write(
    `\n${uiTable(`UI (runs of ${uiRuns.length} result files pooled)`, uiChecks(pooled))}\n\n` +
      `Files: ${uiRuns.map((r) => `${r.date} (${r.code?.commit}, machine busy before: ${JSON.stringify(r.machineBusyBeforePct)})`).join('; ')}\n`,
  );
}
