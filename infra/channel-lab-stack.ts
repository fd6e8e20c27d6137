/**
 * `ChannelLabStack`: a stack holding one {@link ChannelLab}, with its useful outputs.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { channelLabPropsFromContext } from './app-context';
import { ChannelLab, type ChannelLabProps } from './channel-lab';
import { addChannelLabOutputs } from './outputs';

/** Properties of {@link ChannelLabStack}. */
export interface ChannelLabStackProps extends StackProps {
  /** Properties of the Channel Lab construct. @default - read from the app's context (`cdk -c key=value`) */
  readonly channelLab?: ChannelLabProps;
}

/** A deployable stack with Channel Lab in it; its outputs are on the stack itself (`ApiUrl`, `TableName`, …). */
export class ChannelLabStack extends Stack {
  /** The construct. */
  public readonly channelLab: ChannelLab;

  constructor(scope: Construct, id: string, props: ChannelLabStackProps = {}) {
    super(scope, id, props);
    // The stack names the outputs itself (stable logical ids), so the construct adds none of its own.
    this.channelLab = new ChannelLab(this, 'ChannelLab', { ...(props.channelLab ?? channelLabPropsFromContext(this)), outputs: false });
    addChannelLabOutputs(this, this.channelLab);
  }
}
