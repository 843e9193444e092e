import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, by package or area. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.includes('/packages/outbound-webhooks/')) {
    const m = /\/dist\/([^/]+)\//.exec(url);
    return `module:${m ? m[1] : 'root'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url;
}

function frame(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/**
 * Summarizes a V8 `.cpuprofile`: self time by package/area, the hottest
 * functions, and the inclusive time of the module's own functions.
 */
export function summarizeCpuProfile(
  file: string,
  deliveries: number,
): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const selfByArea = new Map<string, number>();
  const selfByFrame = new Map<string, number>();
  const inclusiveModule = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    total += us;
    const a = area(node.callFrame.url, node.callFrame.functionName);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + us);
    const f = `${frame(node)} [${a}]`;
    selfByFrame.set(f, (selfByFrame.get(f) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const up = byId.get(n)!;
      if (!up.callFrame.url.includes('/packages/outbound-webhooks/')) continue;
      const key = frame(up);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveModule.set(key, (inclusiveModule.get(key) ?? 0) + us);
    }
  });
  const top = (m: Map<string, number>, n: number): string[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / deliveries).toFixed(1).padStart(6)} µs/delivery  ${k}`,
      );
  return [
    `CPU profile of the dispatcher (${file}): ${(total / 1000).toFixed(0)} ms busy, ${(total / deliveries).toFixed(0)} µs per delivery`,
    'self time by package / module area:',
    ...top(selfByArea, 14),
    'hottest functions (self time):',
    ...top(selfByFrame, 20),
    'module functions (inclusive time, what they and their callees cost):',
    ...top(inclusiveModule, 20),
  ];
}

if (require.main === module) {
  const [file, deliveries] = process.argv.slice(2);
  process.stdout.write(
    summarizeCpuProfile(file, Number(deliveries ?? 1)).join('\n') + '\n',
  );
}
