// Parser benchmark. `core` is the built core library (dist/core/index.mjs), which exports
// parseDenials (and containsDenialTrigger). Returns one row per figure:
// throughput on a realistic mixed 1 MB console text, the pre-check on 1 MB without denials, and the
// time of each adversarial 1 MB input plus the worst of them.

import { adversarialInputs, MB, mixedConsoleText, repeatTo } from './parser-inputs.mjs';

/** Every word the trigger pre-check keys on, removed to build text that holds none. */
const TRIGGER_WORDS = /authorized|permission|activated|explorer|standalone|denies|allows|explicit|denied/gi;

/** Median wall time in ms of `fn` over `runs` runs, after `warmup` untimed runs. */
function medianMs(fn, runs, warmup = 2) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export default async function benchParser(core) {
  const { parseDenials, containsDenialTrigger } = core;
  if (typeof parseDenials !== 'function') throw new Error('benchParser: core.parseDenials is missing');
  const rows = [];

  const mixed = mixedConsoleText();
  const found = parseDenials(mixed).length;
  const mixedMs = medianMs(() => parseDenials(mixed), 9);
  rows.push({ name: `parser throughput, mixed 1 MB console text (${found} distinct denials)`, value: round(mixed.length / MB / (mixedMs / 1000)), unit: 'MB/s', target: '>= 20' });

  if (typeof containsDenialTrigger === 'function') {
    // innerText-like page text (no entities) without any trigger word: the content script's usual case.
    const plain = mixedConsoleText(MB, 9).replace(TRIGGER_WORDS, 'x').replaceAll('&#39;', "'");
    const plainMs = medianMs(() => containsDenialTrigger(plain), 9);
    rows.push({ name: 'trigger pre-check, 1 MB page text without trigger words', value: round(plain.length / MB / (plainMs / 1000)), unit: 'MB/s', target: '>= 200' });
    // Trigger words everywhere but no denial: the pre-check must normalise and scan it all.
    const wordy = repeatTo('Users who have permission to view Cost Explorer are authorized to perform tasks; this policy allows the team to see invoices. ');
    const wordyMs = medianMs(() => containsDenialTrigger(wordy), 9);
    rows.push({ name: 'trigger pre-check, 1 MB of trigger words without a denial', value: round(wordy.length / MB / (wordyMs / 1000)), unit: 'MB/s', target: '>= 20' });
  }

  let worst = { name: '', ms: 0 };
  for (const [name, build] of Object.entries(adversarialInputs())) {
    const text = build();
    const ms = medianMs(() => parseDenials(text), 5, 1);
    rows.push({ name: `adversarial 1 MB: ${name}`, value: round(ms), unit: 'ms', target: '< 50' });
    if (ms > worst.ms) worst = { name, ms };
  }
  rows.push({ name: `adversarial 1 MB: worst (${worst.name})`, value: round(worst.ms), unit: 'ms', target: '< 50' });
  return rows;
}
