// `node --import tsx bench/editor/profileSummary.ts FILE.cpuprofile [FUNCTION ...]`: where a CPU profile of the
// extension host (written by `npm run bench:editor -- --profile DIR`) spent its time: self time per function,
// and the inclusive time of the named functions (each sample counted once per function on its stack).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
}

export function summarise(profile: Profile, inclusiveNames: readonly string[]): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((sample, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    total += delta;
    const leaf = byId.get(sample)!;
    const leafName = frameName(leaf);
    if (leaf.callFrame.functionName === '(idle)') idle += delta;
    self.set(leafName, (self.get(leafName) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName;
      for (const wanted of inclusiveNames) if (name === wanted) seen.add(wanted);
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  });
  const lines = [`sampled ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms, busy ${(total - idle).toFixed(0)} ms`, '', 'inclusive ms (busy share):'];
  for (const name of inclusiveNames) {
    const ms = inclusive.get(name) ?? 0;
    lines.push(`  ${ms.toFixed(0).padStart(7)}  ${((100 * ms) / (total - idle)).toFixed(1).padStart(5)}%  ${name}`);
  }
  lines.push('', 'self ms, top 40:');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) lines.push(`  ${ms.toFixed(0).padStart(7)}  ${name}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, ...names] = process.argv.slice(2);
  if (!file) throw new Error('usage: profileSummary.ts FILE.cpuprofile [FUNCTION ...]');
  console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, names));
}
