/**
 * The Channel Lab CDK app: one `ChannelLabStack`, configured from context
 * (`npx cdk deploy -c sesFromAddress=news@example.com`), checked by cdk-nag's
 * AwsSolutions rules during synthesis.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ensureWebBuild } from '../web/build';
import { CONTEXT_KEYS } from './app-context';
import { ChannelLabStack } from './channel-lab-stack';

/** Stack name used when the `stackName` context is not set. */
const DEFAULT_STACK_NAME = 'ChannelLab';

// The web app is built from source when web/dist is missing or stale, so a synth never ships an old build.
await ensureWebBuild();

const app = new App();
const stackName = (app.node.tryGetContext(CONTEXT_KEYS.stackName) as string | undefined) ?? DEFAULT_STACK_NAME;
new ChannelLabStack(app, stackName, {
  description: 'Channel Lab: per-segment channel experiments with a bandit allocator',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
