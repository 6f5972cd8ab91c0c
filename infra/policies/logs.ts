// Log policies: every log group expires its data, production ones keep a year.
import { resourcePolicy } from './resourcePolicy';
import { LOG_GROUP } from './types';

export const logPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_66',
    description: 'CloudWatch log groups have a retention period.',
    enforcementLevel: 'mandatory',
    resourceTypes: LOG_GROUP,
    check(props, report) {
      if (!(Number(props.retentionInDays ?? 0) > 0)) report('retentionInDays must be set');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_338',
    description: 'CloudWatch log groups keep logs for at least a year (dev stacks keep less).',
    enforcementLevel: 'advisory',
    resourceTypes: LOG_GROUP,
    check(props, report) {
      const days = Number(props.retentionInDays ?? 0);
      if (days > 0 && days < 365) report(`retentionInDays is ${days}; production should keep 365 or more`);
    },
  }),
];
