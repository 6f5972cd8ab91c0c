// Pulumi type tokens the policies inspect (the `aws:alb/...` aliases name the same resources).
export const RDS_INSTANCE = ['aws:rds/instance:Instance'];
export const RDS_PARAMETER_GROUP = ['aws:rds/parameterGroup:ParameterGroup'];
export const LOAD_BALANCER = ['aws:lb/loadBalancer:LoadBalancer', 'aws:alb/loadBalancer:LoadBalancer'];
export const LISTENER = ['aws:lb/listener:Listener', 'aws:alb/listener:Listener'];
export const TARGET_GROUP = ['aws:lb/targetGroup:TargetGroup', 'aws:alb/targetGroup:TargetGroup'];
export const ECR_REPOSITORY = ['aws:ecr/repository:Repository'];
export const ECS_TASK_DEFINITION = ['aws:ecs/taskDefinition:TaskDefinition'];
export const ECS_SERVICE = ['aws:ecs/service:Service'];
export const ECS_CLUSTER = ['aws:ecs/cluster:Cluster'];
export const LOG_GROUP = ['aws:cloudwatch/logGroup:LogGroup'];
export const IAM_POLICY_DOCUMENT = ['aws:iam/rolePolicy:RolePolicy', 'aws:iam/policy:Policy'];
export const SECURITY_GROUP = ['aws:ec2/securityGroup:SecurityGroup'];
export const INGRESS_RULE = ['aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'];
export const EGRESS_RULE = ['aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule'];
export const LEGACY_RULE = ['aws:ec2/securityGroupRule:SecurityGroupRule'];
export const DEFAULT_SECURITY_GROUP = ['aws:ec2/defaultSecurityGroup:DefaultSecurityGroup'];
export const SUBNET = ['aws:ec2/subnet:Subnet'];
