// Container policies: hardened task definitions, private services that roll back, observable clusters.
import { asArray, jsonProperty, resourcePolicy, type Props, type Report } from './resourcePolicy';
import { ECS_CLUSTER, ECS_SERVICE, ECS_TASK_DEFINITION } from './types';

/** Names that announce a credential anywhere in them (AWS_SECRET_ACCESS_KEY, DB_PASSWORD_FILE, ...). */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)/i;
/** Names that only point at a secret (DATABASE_PASSWORD_SECRET_ARN). */
const SECRET_POINTER = /_ARN$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]+:[^/@\s]+@/i;

function eachContainer(props: Props, report: Report, check: (container: Props, report: Report) => void): void {
  for (const container of asArray(jsonProperty(props.containerDefinitions))) {
    check(container, (message) => report(`container "${String(container.name)}": ${message}`));
  }
}

function isRootUser(user: unknown): boolean {
  if (typeof user !== 'string' || user === '') return true;
  const [name] = user.split(':');
  return name === 'root' || name === '0';
}

export const ecsPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_336',
    description: 'ECS containers have a read-only root filesystem.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        if (container.readonlyRootFilesystem !== true) fail('readonlyRootFilesystem must be true');
      });
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_334',
    description: 'ECS containers are not privileged.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        if (container.privileged === true) fail('privileged must not be true');
      });
    },
  }),
  resourcePolicy({
    name: 'RAMPART_ECS_NON_ROOT',
    description: 'ECS containers run as a named non-root user.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        if (isRootUser(container.user)) fail(`user is ${JSON.stringify(container.user)}; set a non-root user`);
      });
    },
  }),
  resourcePolicy({
    name: 'RAMPART_ECS_NO_PLAINTEXT_SECRETS',
    description: 'Secrets reach ECS containers through `secrets` (Secrets Manager), never `environment`.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        for (const variable of asArray<{ name: string; value: string }>(container.environment)) {
          if (SECRET_NAME.test(variable.name) && !SECRET_POINTER.test(variable.name))
            fail(`${variable.name} is set in environment; use secrets`);
          if (URL_WITH_PASSWORD.test(String(variable.value))) fail(`${variable.name} embeds a password`);
        }
      });
    },
  }),
  resourcePolicy({
    name: 'RAMPART_ECS_STOP_TIMEOUT',
    description: 'ECS containers get at least 30 s after SIGTERM, the app drains requests for up to 25 s.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        const seconds = Number(container.stopTimeout ?? 30);
        if (seconds < 30) fail(`stopTimeout is ${seconds}; it must be at least 30`);
      });
    },
  }),
  resourcePolicy({
    name: 'RAMPART_ECS_AWSLOGS',
    description: 'ECS containers log to CloudWatch Logs.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      eachContainer(props, report, (container, fail) => {
        if (container.logConfiguration?.logDriver !== 'awslogs') fail('logConfiguration.logDriver must be awslogs');
      });
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_249',
    description: 'ECS task and execution roles are different roles.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_TASK_DEFINITION,
    check(props, report) {
      if (props.taskRoleArn !== undefined && props.taskRoleArn === props.executionRoleArn) {
        report('taskRoleArn must differ from executionRoleArn');
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_333',
    description: 'ECS services do not assign public IP addresses.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_SERVICE,
    check(props, report) {
      if (props.networkConfiguration?.assignPublicIp === true)
        report('networkConfiguration.assignPublicIp must be false');
    },
  }),
  resourcePolicy({
    name: 'RAMPART_ECS_CIRCUIT_BREAKER',
    description: 'ECS deployments stop and roll back when new tasks fail.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_SERVICE,
    check(props, report) {
      const breaker = props.deploymentCircuitBreaker;
      if (breaker?.enable !== true || breaker?.rollback !== true) {
        report('deploymentCircuitBreaker must have enable and rollback set to true');
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_65',
    description: 'ECS clusters have Container Insights enabled.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECS_CLUSTER,
    check(props, report) {
      const insights = asArray<{ name: string; value: string }>(props.settings).find(
        (setting) => setting.name === 'containerInsights',
      );
      if (insights?.value !== 'enabled' && insights?.value !== 'enhanced') {
        report('settings must enable containerInsights');
      }
    },
  }),
];
