/** SNS `Publish` errors after which a retry cannot (or may) help, for SMS and mobile push. */
import type { AwsErrorRules } from './classify-aws-error';

/** SNS error names, both as the SDK names them and as the wire codes some emulators return. */
export const SNS_ERROR_RULES: AwsErrorRules = {
  permanent: new Set([
    'EndpointDisabledException',
    'EndpointDisabled',
    'InvalidParameterException',
    'InvalidParameter',
    'InvalidParameterValueException',
    'ParameterValueInvalid',
    'NotFoundException',
    'NotFound',
    'OptedOutException',
    'PlatformApplicationDisabledException',
    'KMSDisabledException',
    'KMSNotFoundException',
    'KMSInvalidStateException',
    'KMSOptInRequired',
  ]),
  transient: new Set(['ThrottledException', 'Throttled', 'InternalErrorException', 'InternalError', 'KMSThrottlingException', 'KMSAccessDeniedException']),
};
