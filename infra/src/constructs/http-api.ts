/**
 * infra → constructs: the HTTP API (API Gateway v2). Service routes require SigV4
 * (IAM authorization): hospitals, pharmacies, insurers and operations call them
 * with their own IAM identities (the function looks a role session up as its
 * role). Member routes require a member's JWT, verified by a JWT authorizer
 * against the stage's identity provider (`memberAuth`: issuer and audience); the
 * token's `sub` is the member. One function, `api/http`, serves all routes; access
 * logs are JSON lines in an encrypted log group, and the stage throttles.
 *
 * Each path of the route table also has an `ANY` route to the same function, behind
 * the same authorizer: API Gateway prefers a route with the request's method, so
 * `ANY` only catches the methods the path does not serve, and the function answers
 * them 405 with `Allow` as documented (without it API Gateway answers its own 404).
 * A path the table does not know still gets API Gateway's 404, with no invocation.
 */

import { API_ROUTES } from '@medins/functions/api/routes';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';

/** Who called what, how it went; no bodies, no query strings (personal data). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    caller: '$context.identity.userArn',
    member: '$context.authorizer.claims.sub',
    sourceIp: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface HttpApiProps {
  readonly handler: lambda.IFunction;
  readonly key: kms.IKey;
  readonly settings: StageSettings;
}

export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'medins settlement API (SigV4)',
      defaultAuthorizer: new HttpIamAuthorizer(),
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.settings.logRetention,
      encryptionKey: props.key,
      removalPolicy: props.settings.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.settings.apiThrottle,
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    const integration = new HttpLambdaIntegration('Handler', props.handler);
    const members = new HttpJwtAuthorizer('MemberJwt', props.settings.memberAuth.issuer, {
      jwtAudience: [...props.settings.memberAuth.audience],
      identitySource: ['$request.header.Authorization'],
    });
    // The handler's own route table: API Gateway routes exactly what the function serves, each with its authorizer.
    const authOfPath = new Map<string, (typeof API_ROUTES)[number]['auth']>();
    for (const route of API_ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        ...(route.auth === 'member' ? { authorizer: members } : {}),
      });
      authOfPath.set(route.path, route.auth);
    }
    // Every other method of a served path reaches the function, which answers 405 with `Allow`.
    for (const [path, auth] of authOfPath) {
      this.api.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration, ...(auth === 'member' ? { authorizer: members } : {}) });
    }
  }

  /** The API's base URL (the `$default` stage): the stack output `ApiUrl`. */
  get url(): string {
    return this.stage.url;
  }
}
