/**
 * Test support: the personal-data scan (issue 14). Collects every clear name, ID
 * number, phone and certificate number a scenario document holds, everything
 * that left the handlers on the embedded stack (through its `Witness`: every
 * DynamoDB and SQS request body — every item written, every message queued or
 * dead-lettered — and every handler's input and output, the workflow state a
 * trace could capture), every item left in every table, and files; and reports
 * where a clear value turns up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, inflateRawSync } from 'node:zlib';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Embedded, Witness } from '@medins/embedded';

/** Texts seen, each with where it was seen. */
export type Seen = Array<{ readonly where: string; readonly text: string }>;

/** A witness that keeps everything it is shown. */
export function recordingWitness(): { witness: Witness; seen: Seen } {
  const seen: Seen = [];
  return {
    seen,
    witness: {
      request: (service, body) => {
        seen.push({ where: `${service} request`, text: body });
      },
      handler: (key, input, output) => seen.push({ where: `${key} state`, text: JSON.stringify({ input, output }) ?? '' }),
    },
  };
}

type Personal = Record<string, unknown> | null | undefined;
const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'birthCertificateNo', 'certificateNo', 'motherName', 'motherIdNumber'] as const;

/**
 * Every clear personal value of a scenario document: its members' and its events'
 * (real-name data, proofs). ID numbers in both cases of their check letter.
 */
export function clearValuesOf(doc: { members?: readonly unknown[]; events?: readonly unknown[] }): Set<string> {
  const values = new Set<string>();
  const add = (o: Personal) => {
    if (!o) return;
    for (const k of PERSONAL_FIELDS) {
      const v = o[k];
      if (typeof v !== 'string' || [...v].length < 2) continue;
      values.add(v);
      if (/x$/i.test(v)) values.add(v.toLowerCase()).add(v.toUpperCase());
    }
  };
  for (const m of doc.members ?? []) add(m as Personal);
  for (const e of doc.events ?? []) {
    const event = e as Record<string, Personal>;
    add(event.realName);
    add(event.proof);
  }
  return values;
}

/**
 * Binary attributes read as text: a catalog version is Brotli-compressed JSON, an event outcome's body raw-deflated
 * JSON. A codec counts only if it yields JSON, so one codec's bytes can never pass as the other's garbage.
 */
function textOfBinary(bytes: Uint8Array): string {
  for (const decompress of [brotliDecompressSync, inflateRawSync]) {
    try {
      const text = decompress(bytes).toString('utf8');
      JSON.parse(text);
      return text;
    } catch {
      // not this codec
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every item of every table the template defines, as JSON (binary attributes decompressed). */
export async function tableTexts(embedded: Embedded): Promise<Seen> {
  const out: Seen = [];
  for (const [logicalId, table] of Object.entries(embedded.stack.tableNames)) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await embedded.stack.documentClient.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const text = JSON.stringify(item, (_k, v: unknown) => (v instanceof Uint8Array ? textOfBinary(v) : v));
        out.push({ where: `table ${logicalId}`, text });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}

/** Every file of `dir` but those named in `except`. */
export function fileTexts(dir: string, except: readonly string[] = []): Seen {
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && !except.includes(f.name))
    .map((f) => ({ where: `file ${f.name}`, text: readFileSync(join(dir, f.name), 'utf8') }));
}

/**
 * Where a clear value turns up: `where: first character…` for each (never the
 * value itself: a failing test must not print personal data either).
 */
export function leaksIn(seen: Seen, clear: ReadonlySet<string>): string[] {
  const leaks = new Set<string>();
  for (const { where, text } of seen) {
    for (const v of clear) if (text.includes(v)) leaks.add(`${where}: ${[...v][0]}… (${[...v].length} characters)`);
  }
  return [...leaks];
}
