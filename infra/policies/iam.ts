// IAM policies: no wildcard actions, and a wildcard resource only where AWS offers nothing narrower.
import { asArray, jsonProperty, resourcePolicy, type Props } from './resourcePolicy';
import { IAM_POLICY_DOCUMENT } from './types';

/** Actions without resource-level permissions: `Resource: "*"` is their only form. */
const UNSCOPABLE_ACTIONS = new Set(['ecr:GetAuthorizationToken']);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

function allowStatements(props: Props): Statement[] {
  const document = jsonProperty(props.policy) as { Statement?: Statement | Statement[] } | undefined;
  return asArray(document?.Statement).filter((statement) => statement.Effect === 'Allow');
}

export const iamPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_63',
    description: 'IAM policies allow no wildcard actions ("*" or "service:*").',
    enforcementLevel: 'mandatory',
    resourceTypes: IAM_POLICY_DOCUMENT,
    check(props, report) {
      for (const statement of allowStatements(props)) {
        for (const action of asArray(statement.Action)) {
          if (action === '*' || action.endsWith(':*')) report(`action ${action} is a wildcard`);
        }
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_355',
    description: 'IAM policies scope resources; "*" only for actions that cannot be scoped.',
    enforcementLevel: 'mandatory',
    resourceTypes: IAM_POLICY_DOCUMENT,
    check(props, report) {
      for (const statement of allowStatements(props)) {
        if (!asArray(statement.Resource).includes('*')) continue;
        const scopable = asArray(statement.Action).filter((action) => !UNSCOPABLE_ACTIONS.has(action));
        if (scopable.length > 0) report(`Resource "*" granted to ${scopable.join(', ')}`);
      }
    },
  }),
];
