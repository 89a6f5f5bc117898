/**
 * `node packages/bench/src/profile-summary.ts FILE.cpuprofile [TOP]`: where a CPU
 * profile's time went, by component of the embedded stack (self time of each
 * sample, attributed by the script it ran in) and by function. The evidence
 * docs/performance.md cites for what bounds a figure.
 */
import { readFileSync } from 'node:fs';
import { defineCommand, integer, runAsMain } from '@medins/cli/args';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time charged where it is spent, whatever called it. */
const OWN: readonly (readonly [string, RegExp])[] = [
  ['idle (waiting on I/O)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['async hooks, promises', /registerDestroyHook|promiseInitHook|destroyTracking|node:internal\/async_hooks|^runMicrotasks$/],
  ['the profiler itself', /node:inspector/],
];

/** Components by the script a sample ran in, or the nearest caller that names one; first match wins. */
const COMPONENTS: readonly (readonly [string, RegExp])[] = [
  ['SQS emulator (fauxqs, its SQLite in WebAssembly)', /fauxqs|^wasm:|sqlite/],
  ['Step Functions interpreter (state cloning, dispatch)', /aws-local-stepfunctions|packages\/local-stack\/src\/workflow/],
  ['AWS SDK (serialize, sign, retry)', /@smithy|@aws-sdk|@aws-crypto/],
  [
    'socket and HTTP I/O',
    /^(writev|writeBuffer|writeUtf8String|node:_http|node:net|node:internal\/stream|node:internal\/streams|socketOnData|node:_http_)/,
  ],
  ['Powertools, middy (logger, metrics, tracer)', /@aws-lambda-powertools|@middy|aws-xray-sdk|cls-hooked/],
  ['engine', /packages\/engine\//],
  ['store (snapshot, commit, codec)', /packages\/store\//],
  ['contract parsing (zod)', /packages\/contract\/|node_modules\/zod/],
  // `subject` has cut the path down to `functions/src/…`: no slash before it.
  ['handlers', /(^|\/)functions\/src\//],
  ['embedded stack (queue workers, settlements)', /packages\/embedded\//],
  ['crypto (SigV4 hashing)', /node:internal\/crypto/],
  ['compression (event items)', /node:zlib/],
];

export function summarize(profile: Profile, top = 20): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  const subject = (f: CallFrame) => (f.url ? f.url.replace(/^.*\/(node_modules|packages|functions)\//, '$1/') : f.functionName);
  const componentOf = (id: number): string => {
    const own = nodes.get(id)!.callFrame;
    const special = OWN.find(([, re]) => re.test(subject(own)) || re.test(own.functionName));
    if (special) return special[0];
    // Built-ins (JSON, zlib, sockets) count for whoever called them.
    for (let at: number | undefined = id, depth = 0; at !== undefined && depth < 12; at = parent.get(at), depth++) {
      const f = nodes.get(at)!.callFrame;
      const hit = COMPONENTS.find(([, re]) => re.test(subject(f)) || re.test(f.functionName));
      if (hit) return hit[0];
    }
    return 'other (timers, events, Node internals)';
  };
  const byComponent = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const f = nodes.get(id)!.callFrame;
    const component = componentOf(id);
    byComponent.set(component, (byComponent.get(component) ?? 0) + us);
    const key = `${f.functionName || '(anonymous)'} ${subject(f)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const lines = [`${(total / 1e6).toFixed(1)} s sampled`, '', 'by component:'];
  for (const [k, v] of [...byComponent].sort((a, b) => b[1] - a[1])) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('', `top ${top} functions (self time):`);
  for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  return `${lines.join('\n')}\n`;
}

export const profileSummaryCommand = defineCommand({
  name: 'npx node packages/bench/src/profile-summary.ts',
  summary:
    "Where a CPU profile's time went (a .cpuprofile written by `npm run bench -- --profile DIR`): by component of the embedded stack and by function.",
  operands: [
    { name: 'FILE', help: 'the .cpuprofile' },
    { name: 'TOP', help: 'how many functions to list (default 20)', optional: true },
  ],
  options: {},
});

if (import.meta.main) {
  runAsMain(profileSummaryCommand, ({ operands: [file, top] }) => {
    const count = top === undefined ? 20 : integer(1)(top, 'TOP');
    process.stdout.write(summarize(JSON.parse(readFileSync(file!, 'utf8')) as Profile, count));
    return 0;
  });
}
