// Load balancer policies: strict header parsing, modern TLS, HTTPS (or a redirect to it), health-checked targets.
import { asArray, resourcePolicy, type Props } from './resourcePolicy';
import { LISTENER, LOAD_BALANCER, TARGET_GROUP } from './types';

/** AWS predefined policies that refuse TLS 1.0 and 1.1. */
const MODERN_TLS = /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/;

export const loadBalancerPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_131',
    description: 'Application load balancers drop invalid HTTP header fields.',
    enforcementLevel: 'mandatory',
    resourceTypes: LOAD_BALANCER,
    check(props, report) {
      const application = (props.loadBalancerType ?? 'application') === 'application';
      if (application && props.dropInvalidHeaderFields !== true) report('dropInvalidHeaderFields must be true');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_150',
    description: 'Load balancers have deletion protection (required of the prod stack by its tests).',
    enforcementLevel: 'advisory',
    resourceTypes: LOAD_BALANCER,
    check(props, report) {
      if (props.enableDeletionProtection !== true) report('enableDeletionProtection should be true outside dev stacks');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_103',
    description: 'HTTPS listeners use a TLS 1.2+ security policy.',
    enforcementLevel: 'mandatory',
    resourceTypes: LISTENER,
    check(props, report) {
      if (props.protocol !== 'HTTPS' && props.protocol !== 'TLS') return;
      if (!MODERN_TLS.test(String(props.sslPolicy ?? ''))) {
        report(`sslPolicy ${String(props.sslPolicy)} allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06`);
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_2',
    description: 'Listeners serve HTTPS, or redirect HTTP to HTTPS (dev stacks without a certificate are exempt).',
    enforcementLevel: 'advisory',
    resourceTypes: LISTENER,
    check(props, report) {
      if (props.protocol !== 'HTTP') return;
      const actions = asArray<Props>(props.defaultActions);
      const redirects = actions.length > 0 && actions.every((action) => action.redirect?.protocol === 'HTTPS');
      if (!redirects) report('HTTP listeners should only redirect to HTTPS');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_261',
    description: 'HTTP target groups define a health check path.',
    enforcementLevel: 'mandatory',
    resourceTypes: TARGET_GROUP,
    check(props, report) {
      if (props.protocol !== 'HTTP' && props.protocol !== 'HTTPS') return;
      if (props.healthCheck?.enabled === false || !props.healthCheck?.path) report('healthCheck.path must be set');
    },
  }),
];
