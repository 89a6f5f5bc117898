/**
 * functions → api: the OpenAPI 3.1 document of the HTTP API, generated (zod-openapi)
 * from the one route table (routes.ts), the request schemas (request.ts: the
 * contract's event schemas without the server's fields) and the answers' schemas
 * (answers.ts). Nothing here is a second copy of a route or a field: a route added
 * to the table without its description here fails `openApiDocument` itself.
 * `npm run openapi` writes it to docs/openapi.json; `npm run api` serves it at
 * `GET /openapi.json`.
 */
import { IdSchema } from '@medins/contract';
import { ConfigurationError } from '@medins/engine';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { EnvelopeSchema } from '../hsa/schemas.ts';
import {
  AccumulatorsSchema,
  BalancesSchema,
  ExplanationSchema,
  FhirExplanationOfBenefitSchema,
  OutcomeSchema,
  PoliciesSchema,
  ProblemSchema,
  QueuedSchema,
} from './answers.ts';
import { EXAMPLE_WORLD, REQUEST_EXAMPLES } from './examples.ts';
import { MAX_KEY_LENGTH } from './idempotency.ts';
import { REQUEST_SCHEMAS } from './request.ts';
import { RETRY_AFTER_S } from './responses.ts';
import { API_ROUTES, type ApiRoute, routeKeyOf } from './routes.ts';

const JSON_TYPE = 'application/json';
const FHIR_TYPE = 'application/fhir+json';

const POLLING = `
## Queued work and polling

A submission (\`POST /claims\`, \`/reversals\`, \`/enrollments\`, \`/bindings\`) is checked, recorded under the
caller's key (its \`id\`, at most ${MAX_KEY_LENGTH} characters, scoped to the caller) and queued: **202** with
\`Location\` (where its outcome will be: \`/events/{id}\` for service callers, \`/me/events/{id}\` for members) and
\`Retry-After\` (seconds, ${RETRY_AFTER_S}). \`GET\` the \`Location\`: **202** again while it is queued (same headers),
then **200** with the outcome (\`settled\`, \`rejected\` with reasons, \`enrolled\`, …), or **200** with
\`{status: "failed", reasons}\` when it failed for good. The same key with the same body answers what the first
answered; with another body **409**, and nothing changes. A quote (\`POST /quotes\`) is answered at once (**200**),
changes no state, and is kept under its key: \`GET /events/{id}\` reads the same answer back.

## Who is calling

Service routes are signed with AWS SigV4 (IAM): the role is looked up among the registered principals
(provider, insurer, operations). Locally the header \`x-medins-principal: <role ARN>\` stands for the signature.
Member routes take \`Authorization: Bearer <member token>\`. A claim or quote carries the patient's medical
e-voucher in \`x-medins-credential\`; a viewer binding may carry a face verification in
\`x-medins-face-verification\`. Every submission is stamped with the server's receive time (Asia/Shanghai):
a body carrying \`at\` (or \`cardHolderId\`, \`faceVerified\`) is a 400 naming it.

An id that is not the caller's answers exactly like one that does not exist (**404**). Amounts are integer fen.
`;

const problem = (description: string) => ({ description, content: { [JSON_TYPE]: { schema: ProblemSchema } } });

const queuedHeaders = z.object({
  location: z.string().meta({ description: 'where the outcome will be' }),
  'retry-after': z.string().meta({ description: 'seconds to wait before asking again', example: String(RETRY_AFTER_S) }),
});

const queued = (what: string) => ({
  description: `${what}: poll \`Location\` after \`Retry-After\` seconds`,
  headers: queuedHeaders,
  content: { [JSON_TYPE]: { schema: QueuedSchema } },
});

/** What every route may answer besides its own statuses. */
const common = (route: ApiRoute): ZodOpenApiResponsesObject => ({
  ...(route.auth === 'member'
    ? { '401': problem('no valid member bearer token') }
    : { '403': problem('the caller is not registered, or its role may not do this for these members or this provider') }),
  '405': {
    description: 'the path is served with another method (`Allow` names it)',
    headers: z.object({ allow: z.string() }),
    content: { [JSON_TYPE]: { schema: ProblemSchema } },
  },
  '500': problem('the request could not be completed; send it again with the same id'),
});

const ok = (description: string, schema: z.ZodType, type = JSON_TYPE) => ({ description, content: { [type]: { schema } } });

/** The request body of a submission route: its types' request schemas. */
function bodyOf(route: ApiRoute) {
  const schemas = (route.types ?? []).map((t) => REQUEST_SCHEMAS[t as keyof typeof REQUEST_SCHEMAS]);
  const [first, ...rest] = schemas;
  if (!first) throw new Error(`${routeKeyOf(route)}: a submission route without types`);
  const schema = rest.length === 0 ? first : z.discriminatedUnion('type', [first, ...rest] as never);
  return { required: true, content: { [JSON_TYPE]: { schema, examples: examplesOf(route) } } };
}

/** A route's example bodies (examples.ts); a submission route without one fails the document. */
function examplesOf(route: ApiRoute) {
  const examples = REQUEST_EXAMPLES[routeKeyOf(route)];
  if (!examples) throw new ConfigurationError(`${routeKeyOf(route)}: no example request in examples.ts`, { entity: routeKeyOf(route) });
  return examples;
}

const PARAMS: Readonly<Record<string, z.ZodType>> = {
  eventId: IdSchema.meta({ description: 'your key (the submission’s `id`), or a stored id (`svc-…:c1`) for readers' }),
  memberId: IdSchema.meta({ description: 'a member id' }),
  claimId: IdSchema.meta({ description: 'your key of the claim, or its stored id (`svc-…:c1`) for readers' }),
  year: z
    .string()
    .regex(/^[0-9]{4}$/)
    .meta({ description: 'a year, four digits' }),
};

function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  if (names.length === 0) return {};
  const shape: Record<string, z.ZodType> = {};
  for (const name of names) {
    const schema = PARAMS[name];
    if (!schema) throw new Error(`path parameter {${name}} has no description in openapi.ts`);
    shape[name] = schema;
  }
  return { requestParams: { path: z.object(shape) } };
}

const CREDENTIAL = z.object({
  'x-medins-credential': z.string().meta({ description: 'the patient’s medical e-voucher (医保电子凭证): a JWS, valid 5 minutes' }),
});
const FACE = z.object({
  'x-medins-face-verification': z
    .string()
    .optional()
    .meta({ description: 'a face verifier’s signed statement about the owner (viewer bindings)' }),
});

/** The 结算单 of a claim or quote (insurer's explain.ts). */
const StatementSchema = z
  .object({
    claimId: z.string(),
    status: z.enum(['settled', 'quoted', 'rejected', 'held']),
    totalFen: z.number().int(),
    parts: z
      .array(z.object({ label: z.string(), field: z.string(), fen: z.number().int() }))
      .meta({ description: 'who paid what, each figure with the result field it comes from' }),
    lines: z.array(z.string()),
    text: z.string().meta({ description: 'the lines joined, to print' }),
  })
  .meta({ id: 'Statement' });

/** The national platform's answer envelope (docs/hsa-gateway.md): every answer, success or refusal, is a 200. */
const HsaAnswerSchema = z
  .object({
    infcode: z.enum(['0', '-1']).meta({ description: '0: done; -1: refused or failed, `err_msg` says why (field and rule)' }),
    err_msg: z.string(),
    inf_refmsgid: z.string().meta({ description: 'the request’s msgid' }),
    respond_time: z.string().meta({ description: 'yyyy-MM-dd HH:mm:ss, Asia/Shanghai' }),
    output: z.record(z.string(), z.unknown()).meta({ description: 'the interface’s output nodes (setlinfo, setldetail, cuminfo…)' }),
  })
  .meta({ id: 'HsaAnswer' });

/** The statuses and bodies of one route, by what it does. */
function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const security = route.auth === 'member' ? [{ memberToken: [] }] : [{ sigv4: [] }];
  const base = { summary: route.summary, operationId: operationIdOf(route), tags: [tagOf(route)], security, ...pathParams(route.path) };
  if (route.gateway === 'hsa') {
    return {
      ...base,
      requestBody: {
        content: {
          'application/json': {
            schema: EnvelopeSchema.meta({ id: 'HsaEnvelope', description: 'the platform’s request envelope' }),
            examples: examplesOf(route),
          },
        },
      },
      responses: {
        ...common(route),
        '200': ok('the platform’s answer envelope (infcode 0 or -1; a msgid used again answers as the first time)', HsaAnswerSchema),
        '413': problem('the body is larger than 192 KiB'),
      },
    };
  }
  if (route.types) {
    const visit = route.types.includes('claim') || route.types.includes('quote');
    const header = visit ? { header: CREDENTIAL } : route.types.includes('bindViewer') ? { header: FACE } : undefined;
    const params = header ? { requestParams: { ...(base.requestParams ?? {}), ...header } } : {};
    const refusals = {
      '400': problem('the body breaks a rule: `error.issues` names each field (`at`, `serviceDate`, `lines`, `id`…)'),
      ...(visit ? { '401': problem('the e-voucher is missing or not valid now (`headers.x-medins-credential`)') } : {}),
      ...(route.types.includes('bindViewer')
        ? { '401': problem('a member token is missing, or the face verification is not valid or not about the owner') }
        : {}),
      '403': problem('the caller may not do this for these members or this provider'),
      '409': problem('the key was used before with another body: nothing changed, use a new id'),
      '413': problem('the body is larger than 192 KiB'),
    };
    if (route.action === 'quote') {
      return {
        ...base,
        ...params,
        requestBody: bodyOf(route),
        responses: {
          ...common(route),
          '200': ok('the quote: what each tier and account would pay (nothing changed)', OutcomeSchema),
          ...refusals,
        },
      };
    }
    return {
      ...base,
      ...params,
      requestBody: bodyOf(route),
      responses: {
        ...common(route),
        '202': queued('accepted and queued'),
        '200': ok('the key was used before with this body, and its event was applied (or failed for good): its outcome', OutcomeSchema),
        ...refusals,
      },
    };
  }
  const badParam = problem('a path parameter breaks a rule (`error.issues` names it)');
  const missing = problem('nothing by that id for this caller (an id that is not yours answers the same)');
  if (route.path.endsWith('/explanation')) {
    return {
      ...base,
      responses: {
        ...common(route),
        '200': ok(
          'the 结算单: who paid what, line by line in plain language (from the stored result; no rule runs again)',
          StatementSchema,
        ),
        '202': queued('the claim is still queued'),
        '400': badParam,
        '404': missing,
      },
    };
  }
  switch (route.action) {
    case 'readEvent':
      return {
        ...base,
        responses: {
          ...common(route),
          '200': ok('the outcome, or the failure for good', OutcomeSchema),
          '202': queued('still queued'),
          '400': badParam,
          '404': missing,
        },
      };
    case 'readBalances':
      return { ...base, responses: { ...common(route), '200': ok('the balances', BalancesSchema), '400': badParam, '404': missing } };
    case 'readAccumulators':
      return {
        ...base,
        responses: { ...common(route), '200': ok('the counters of that year', AccumulatorsSchema), '400': badParam, '404': missing },
      };
    case 'readPolicies':
      return { ...base, responses: { ...common(route), '200': ok('the policies', PoliciesSchema), '400': badParam, '404': missing } };
    case 'readClaim': {
      const fhir = route.path.endsWith('/fhir');
      return {
        ...base,
        responses: {
          ...common(route),
          '200': fhir
            ? ok('the claim as a FHIR R4 ExplanationOfBenefit', FhirExplanationOfBenefitSchema, FHIR_TYPE)
            : ok('the explanation of benefits', ExplanationSchema),
          '202': queued('the claim is still queued'),
          '400': badParam,
          '404': problem('no claim by that id for this caller, or it was not settled (`NOT_SETTLED`: its outcome says why)'),
        },
      };
    }
    default:
      throw new ConfigurationError(`${routeKeyOf(route)}: no description of action ${route.action} in openapi.ts`, {
        entity: routeKeyOf(route),
      });
  }
}

/** `POST /claims` → `postClaims`, `GET /members/{memberId}/balances` → `getMembersMemberIdBalances`. */
function operationIdOf(route: ApiRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

function tagOf(route: ApiRoute): string {
  if (route.types) return 'submissions';
  if (route.action === 'readClaim') return 'claims';
  return route.action === 'readEvent' ? 'outcomes' : 'members';
}

/** The OpenAPI 3.1 document of the API: one operation per route of the route table. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES as readonly ApiRoute[]) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'medins settlement API',
      version: '1',
      summary: 'One-stop settlement of Chinese medical-insurance claims and the city supplementary product (惠民保).',
      description: POLLING,
      license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
    },
    servers: [
      {
        url: 'http://127.0.0.1:8080',
        description: `npm run api -- --port 8080 (the stack’s ApiUrl output on AWS); the examples are for npm run api -- --scenario ${EXAMPLE_WORLD.file} --now ${EXAMPLE_WORLD.now}`,
      },
    ],
    tags: [
      { name: 'submissions', description: 'claims, quotes, reversals (providers); enrollments, bindings (members)' },
      { name: 'outcomes', description: 'the outcome of an event, by your key' },
      { name: 'members', description: 'balances, accumulators, policies' },
      { name: 'claims', description: 'a settled claim’s explanation of benefits, also as FHIR R4' },
    ],
    security: [{ sigv4: [] }],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'AWS Signature Version 4 (IAM). Locally: the header `x-medins-principal: <role ARN>` instead.',
        },
        memberToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a member token; its `sub` is the member id' },
      },
    },
  });
}
