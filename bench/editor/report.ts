import type { Keystroke, SessionResult, Variant } from './session';
import type { BenchLibrary } from './workspace';

const NAMES: Record<Variant, string> = { calm: 'CALM Cite', peer: 'LaTeX Workshop', floor: 'floor (no extension)' };

export interface ReportContext {
  peer: boolean;
  rounds: number;
  minutes: number;
  notes: string[];
}

/** Prints, per library, every variant side by side with the ratios, the targets of issue #16 and the run's spread. */
export function printReport(libraries: readonly BenchLibrary[], results: readonly SessionResult[], context: ReportContext): void {
  const variants: Variant[] = context.peer ? ['calm', 'peer', 'floor'] : ['calm', 'floor'];
  console.log(`\n# Editor benchmark: code-server 4.139.1 (VS Code 1.139.1) + Chromium, ${context.rounds} alternated session(s) per column, ${context.minutes.toFixed(0)} min\n`);
  for (const note of context.notes) console.log(`- ${note}`);
  console.log(
    '- Keystroke to updated list: from the keydown to the DOM change that shows the list the query settles on. ' +
      "Person's pace: keys 100-300 ms apart; slowly: each key once the list and the extension host are idle. " +
      'Median / p95 over all keystrokes of the column, max; [min-max] of the session medians says how noisy the run was.',
  );
  for (const library of libraries) {
    const of = (variant: Variant) => results.filter((result) => result.library === library.id && result.variant === variant);
    const columns = variants.map(of);
    const calm = of('calm');
    const floor = of('floor');
    const peer = of('peer');
    console.log(`\n## ${library.title}: ${(library.bytes / 1e6).toFixed(1)} MB, ${library.entries.toLocaleString('en-US')} entries\n`);
    const header = ['measure', ...variants.map((variant) => NAMES[variant]), 'CALM / floor', ...(context.peer ? ['CALM / LaTeX Workshop'] : []), 'target (issue #16)'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    const row = (measure: string, cells: string[], ratioFloor: string, ratioPeer: string, target: string) =>
      console.log(`| ${[measure, ...cells, ratioFloor, ...(context.peer ? [ratioPeer] : []), target].join(' | ')} |`);

    for (const pass of ['paced', 'slow'] as const) {
      const latencies = (sessions: SessionResult[]) => sessions.flatMap((session) => session[pass]);
      const medianOf = (sessions: SessionResult[]) => quantile(shown(latencies(sessions)), 0.5);
      const p95Of = (sessions: SessionResult[]) => quantile(shown(latencies(sessions)), 0.95);
      row(
        `keystroke to updated list, ${pass === 'paced' ? "person's pace" : 'slowly'}: median / p95 ms (max) [session medians]`,
        columns.map((sessions) => latencyCell(sessions, pass)),
        `${ratio(medianOf(calm), medianOf(floor))} / ${ratio(p95Of(calm), p95Of(floor))}`,
        `${ratio(medianOf(calm), medianOf(peer))} / ${ratio(p95Of(calm), p95Of(peer))}`,
        'median <= 1.5x floor, p95 <= 2x, below LaTeX Workshop',
      );
    }
    row(
      'keystrokes over 250 ms (over 500 ms), both passes',
      columns.map((sessions) => {
        const all = sessions.flatMap((session) => [...session.paced, ...session.slow]);
        const slow = (limit: number) => all.filter((key) => key.latency === undefined || key.latency > limit).length;
        return `${slow(250)} (${slow(500)}) of ${all.length}`;
      }),
      '',
      '',
      'none over 250 ms',
    );
    const openMs = (sessions: SessionResult[]) => sessions.map((session) => session.openMs).filter(isNumber);
    row('open paper to first list with entries, s [min-max]', columns.map((sessions) => spreadCell(openMs(sessions), 1000, 1)), '', ratio(quantile(openMs(calm), 0.5), quantile(openMs(peer), 0.5)), '<= 5 s at 90k');
    const first = (sessions: SessionResult[]) => sessions.map((session) => session.hoverFirst).filter(isNumber);
    const warm = (sessions: SessionResult[]) => sessions.flatMap((session) => session.hoverWarm);
    row('first hover, ms [min-max] (floor: a Markdown link)', columns.map((sessions) => spreadCell(first(sessions), 1, 0)), ratio(quantile(first(calm), 0.5), quantile(first(floor), 0.5)), ratio(quantile(first(calm), 0.5), quantile(first(peer), 0.5)), '');
    row('warm hover, median ms [min-max]', columns.map((sessions) => spreadCell(warm(sessions), 1, 0)), ratio(quantile(warm(calm), 0.5), quantile(warm(floor), 0.5)), ratio(quantile(warm(calm), 0.5), quantile(warm(peer), 0.5)), '<= 1.5x floor, <= LaTeX Workshop');
    const hostAt = (pick: (session: SessionResult) => number | undefined) => (sessions: SessionResult[]) => sessions.map(pick).filter(isNumber);
    const loaded = hostAt((session) => session.hostLoaded);
    const end = hostAt((session) => session.hostEnd?.rss);
    const peak = hostAt((session) => session.hostEnd?.peak);
    row(
      'extension host MB: first list / end / peak (medians)',
      columns.map((sessions) => [loaded(sessions), end(sessions), peak(sessions)].map((values) => (values.length === 0 ? '—' : quantile(values, 0.5).toFixed(0))).join(' / ')),
      `end +${(quantile(end(calm), 0.5) - quantile(end(floor), 0.5)).toFixed(0)} MB`,
      ratio(quantile(peak(calm), 0.5), quantile(peak(peer), 0.5)),
      `end <= floor + 50 MB; holder of the index <= 5x the file (${((5 * library.bytes) / 1e6).toFixed(0)} MB)`,
    );
    row(
      "extension's own processes (language server) MB: end / peak",
      columns.map((sessions) => {
        const servers = sessions.map((session) => session.server).filter((server) => server !== undefined);
        return servers.length === 0 ? 'none' : `${quantile(servers.map((server) => server.rss), 0.5).toFixed(0)} / ${quantile(servers.map((server) => server.peak), 0.5).toFixed(0)}`;
      }),
      '',
      '',
      '',
    );
    const cpu = (sessions: SessionResult[]) => sessions.map((session) => session.hostCpuPerKey);
    row('extension host CPU per slow keystroke, ms [min-max]', columns.map((sessions) => spreadCell(cpu(sessions), 1, 0)), '', ratio(quantile(cpu(calm), 0.5), quantile(cpu(peer), 0.5)), '');
    const serverCpu = (sessions: SessionResult[]) => sessions.map((session) => session.serverCpuPerKey).filter(isNumber);
    row("extension's own processes' CPU per slow keystroke, ms [min-max]", columns.map((sessions) => spreadCell(serverCpu(sessions), 1, 0)), '', '', '');
    for (const [label, pick] of [
      ['a renderer task', (key: Keystroke) => key.rendererTask],
      ['an extension host block', (key: Keystroke) => key.hostBlock],
    ] as const) {
      row(
        `keystrokes followed by ${label} over 50 ms (longest ms)`,
        columns.map((sessions) => {
          const keys = sessions.flatMap((session) => [...session.paced, ...session.slow]);
          const tasks = keys.map(pick).filter(isNumber);
          if (tasks.length === 0) return 'not measured';
          return `${tasks.filter((task) => task > 50).length} of ${keys.length} (${Math.max(0, ...tasks).toFixed(0)})`;
        }),
        '',
        '',
        'none',
      );
    }
    row(
      '"Indexed N references" log lines per session (times the library file was parsed)',
      columns.map((sessions) =>
        sessions[0]?.variant === 'calm' ? sessions.map((session) => `${session.indexedLines ?? 0} (${session.libraryReads ?? 0})`).join(', ') : '',
      ),
      '',
      '',
      'one',
    );
    const problems = [...new Set(columns.flat().flatMap((session) => session.problems.map((problem) => `${NAMES[session.variant]}: ${problem}`)))];
    for (const problem of problems) console.log(`\n- ${problem}`);
  }
}

function latencyCell(sessions: SessionResult[], pass: 'paced' | 'slow'): string {
  const keys = sessions.flatMap((session) => session[pass]);
  if (keys.length === 0) return '—';
  const values = shown(keys);
  const never = keys.length - values.length;
  const perSession = sessions.map((session) => quantile(shown(session[pass]), 0.5));
  const cell = `${fmt(quantile(values, 0.5))} / ${fmt(quantile(values, 0.95))} (${fmt(Math.max(...values))}) [${fmt(Math.min(...perSession))}-${fmt(Math.max(...perSession))}]`;
  return never > 0 ? `${cell}, ${never} never` : cell;
}

function spreadCell(values: number[], unit: number, digits: number): string {
  if (values.length === 0) return '—';
  const show = (value: number) => (value / unit).toFixed(digits);
  return `${show(quantile(values, 0.5))} [${show(Math.min(...values))}-${show(Math.max(...values))}]`;
}

function shown(keys: readonly Keystroke[]): number[] {
  return keys.map((key) => key.latency).filter(isNumber);
}

/** Nearest-rank quantile; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return '—';
  return `${(a / b).toFixed(a / b < 0.1 ? 2 : 1)}x`;
}

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : '—';
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
