/**
 * infra: the `cdk` CLI entry (cdk.json: `node infra/src/app.ts`). Stage, account
 * and region come from context: `npx cdk synth -c stage=prod -c account=… -c region=…`.
 */
import { buildApp } from './build-app.ts';

const { app } = buildApp();
app.synth();
