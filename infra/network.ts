// VPC over two zones: public subnets for the load balancer, private ones for tasks and the database, chained security groups.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export const POSTGRES_PORT = 5432;
const HTTPS_PORT = 443;

export interface NetworkArgs {
  /** An IPv4 /16; each subnet takes a /20 of it. */
  cidrBlock: string;
  /** Exactly two zone names: enough for Multi-AZ RDS and a load balancer. */
  availabilityZones: readonly [string, string];
  /** `single` saves one NAT gateway (dev); `perAz` survives the loss of a zone (prod). */
  natGateways: 'single' | 'perAz';
  /** The port the container listens on; the only port the load balancer may reach. */
  appPort: number;
  /** Opens 443 on the load balancer as well as 80 (which then only redirects). */
  https: boolean;
  /** Days CloudWatch keeps the VPC flow logs. */
  flowLogRetentionDays: number;
}

/** The /20 at `index` inside a /16, e.g. (10.0.0.0/16, 8) -> 10.0.128.0/20. */
export function subnetCidr(vpcCidr: string, index: number): string {
  const [a, b] = vpcCidr.split('.');
  return `${a}.${b}.${index * 16}.0/20`;
}

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
  readonly taskSecurityGroupId: pulumi.Output<string>;
  readonly databaseSecurityGroupId: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:network:Network', name, {}, opts);
    const parent = { parent: this };

    const vpc = new aws.ec2.Vpc(
      name,
      { cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } },
      parent,
    );
    this.flowLogs(name, vpc, args.flowLogRetentionDays);
    // Takes over the VPC's default group and strips its rules, so nothing can fall back to it (CKV2_AWS_12).
    new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, ingress: [], egress: [] }, parent);

    const gateway = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, parent);
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }], tags: { Name: `${name}-public` } },
      parent,
    );

    const publicSubnets = args.availabilityZones.map((zone, i) => {
      // No automatic public IPs even here: the load balancer and NAT gateways bring their own addresses.
      const subnet = new aws.ec2.Subnet(
        `${name}-public-${i + 1}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: subnetCidr(args.cidrBlock, i),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-public-${zone}`, tier: 'public' },
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-public-${i + 1}`,
        { subnetId: subnet.id, routeTableId: publicRoutes.id },
        parent,
      );
      return subnet;
    });

    const natCount = args.natGateways === 'perAz' ? args.availabilityZones.length : 1;
    const natGateways = publicSubnets.slice(0, natCount).map((subnet, i) => {
      const address = new aws.ec2.Eip(`${name}-nat-${i + 1}`, { domain: 'vpc', tags: { Name: `${name}-nat` } }, parent);
      return new aws.ec2.NatGateway(
        `${name}-${i + 1}`,
        { subnetId: subnet.id, allocationId: address.id, tags: { Name: `${name}-${i + 1}` } },
        { parent: this, dependsOn: [gateway] },
      );
    });

    const privateSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${i + 1}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: subnetCidr(args.cidrBlock, 8 + i),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${zone}`, tier: 'private' },
        },
        parent,
      );
      // Tasks reach ECR, CloudWatch Logs and Secrets Manager through the NAT gateway of their zone (or the single one).
      const nat = natGateways[Math.min(i, natGateways.length - 1)]!;
      const routes = new aws.ec2.RouteTable(
        `${name}-private-${i + 1}`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }],
          tags: { Name: `${name}-private` },
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${i + 1}`,
        { subnetId: subnet.id, routeTableId: routes.id },
        parent,
      );
      return subnet;
    });

    const group = (suffix: string, description: string) =>
      new aws.ec2.SecurityGroup(
        `${name}-${suffix}`,
        { vpcId: vpc.id, description, tags: { Name: `${name}-${suffix}` } },
        parent,
      );
    const lbGroup = group('alb', 'Rampart load balancer: HTTP(S) from the internet, app port to tasks');
    const taskGroup = group('task', 'Rampart tasks: app port from the load balancer, PostgreSQL and AWS APIs out');
    const dbGroup = group('db', 'Rampart database: PostgreSQL from the tasks only');

    type TcpRule = Omit<aws.vpc.SecurityGroupIngressRuleArgs, 'ipProtocol'>;
    const ingress = (rule: string, ruleArgs: TcpRule) =>
      new aws.vpc.SecurityGroupIngressRule(`${name}-${rule}`, { ...ruleArgs, ipProtocol: 'tcp' }, parent);
    const egress = (rule: string, ruleArgs: TcpRule) =>
      new aws.vpc.SecurityGroupEgressRule(`${name}-${rule}`, { ...ruleArgs, ipProtocol: 'tcp' }, parent);

    const publicPorts = args.https ? [80, HTTPS_PORT] : [80];
    for (const port of publicPorts) {
      ingress(`alb-in-${port}-v4`, {
        securityGroupId: lbGroup.id,
        cidrIpv4: '0.0.0.0/0',
        fromPort: port,
        toPort: port,
        description: `HTTP${port === HTTPS_PORT ? 'S' : ''} from the internet (IPv4)`,
      });
    }
    egress('alb-out-task', {
      securityGroupId: lbGroup.id,
      referencedSecurityGroupId: taskGroup.id,
      fromPort: args.appPort,
      toPort: args.appPort,
      description: 'Requests and health checks to the tasks',
    });
    ingress('task-in-alb', {
      securityGroupId: taskGroup.id,
      referencedSecurityGroupId: lbGroup.id,
      fromPort: args.appPort,
      toPort: args.appPort,
      description: 'Requests from the load balancer',
    });
    egress('task-out-db', {
      securityGroupId: taskGroup.id,
      referencedSecurityGroupId: dbGroup.id,
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: 'PostgreSQL',
    });
    egress('task-out-https', {
      securityGroupId: taskGroup.id,
      cidrIpv4: '0.0.0.0/0',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      description: 'AWS APIs (ECR, CloudWatch Logs, Secrets Manager) through the NAT gateway',
    });
    ingress('db-in-task', {
      securityGroupId: dbGroup.id,
      referencedSecurityGroupId: taskGroup.id,
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: 'PostgreSQL from the tasks',
    });

    this.vpcId = vpc.id;
    this.flowLogGroupName = pulumi.output(`/vpc/${name}/flow-logs`);
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.loadBalancerSecurityGroupId = lbGroup.id;
    this.taskSecurityGroupId = taskGroup.id;
    this.databaseSecurityGroupId = dbGroup.id;
    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
      taskSecurityGroupId: this.taskSecurityGroupId,
      databaseSecurityGroupId: this.databaseSecurityGroupId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }

  /** Every accepted and rejected flow of the VPC, to CloudWatch Logs with retention (CKV2_AWS_11). */
  private flowLogs(name: string, vpc: aws.ec2.Vpc, retentionInDays: number): void {
    const parent = { parent: this };
    const group = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      { name: `/vpc/${name}/flow-logs`, retentionInDays },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } },
          ],
        }),
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              Resource: [group.arn, pulumi.interpolate`${group.arn}:log-stream:*`],
            },
          ],
        }),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      name,
      {
        vpcId: vpc.id,
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: { Name: name },
      },
      parent,
    );
  }
}
