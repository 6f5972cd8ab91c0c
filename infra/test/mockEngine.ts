// A Pulumi engine stand-in served over gRPC (ResourceMonitor + Engine), so Pulumi's own runner can run the program offline.
import * as grpc from '@grpc/grpc-js';
import * as pulumi from '@pulumi/pulumi';
import * as engineRpc from '@pulumi/pulumi/proto/engine_grpc_pb';
import * as engineProto from '@pulumi/pulumi/proto/engine_pb';
import * as providerProto from '@pulumi/pulumi/proto/provider_pb';
import * as resourceRpc from '@pulumi/pulumi/proto/resource_grpc_pb';
import * as resourceProto from '@pulumi/pulumi/proto/resource_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import type { Props } from '../policies/resourcePolicy';
import { computedState, providerCall, unwrapSecrets, type CapturedResource } from './mockedProgram';

export interface RegisteredResource extends CapturedResource {
  urn: string;
  custom: boolean;
  parent: string;
  protect: boolean;
  ignoreChanges: string[];
  /** What the program registered as the resource's outputs (components and the stack). */
  outputs: Props | undefined;
}

export interface EngineLog {
  severity: string;
  message: string;
}

export interface MockEngine {
  /** host:port for the runner's --monitor and --engine flags. */
  address: string;
  resources: RegisteredResource[];
  logs: EngineLog[];
  /** The resource the runner registered as the stack (pulumi:pulumi:Stack), once it has. */
  rootUrn(): string;
  close(): Promise<void>;
}

type Callback<T> = (error: Error | null, response?: T) => void;
const SEVERITIES = ['debug', 'info', 'warning', 'error'];

/** Like the engine during `pulumi preview`/`up` with every AWS call answered by the same mocks as mockedProgram.ts. */
export async function startMockEngine(project: string, stack: string): Promise<MockEngine> {
  const resources: RegisteredResource[] = [];
  const logs: EngineLog[] = [];
  let root = '';

  // Failures go back to the runner as gRPC errors, which it reports and exits on.
  const answer = <T>(callback: Callback<T>, work: () => Promise<T> | T) => {
    Promise.resolve()
      .then(work)
      .then(
        (response) => callback(null, response),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
  };
  const empty = <R>(_call: unknown, callback: Callback<Empty>) => callback(null, new Empty()) as R;
  const urnOf = (parent: string, type: string, name: string) => {
    const parentType = parent ? `${parent.split('::')[2]}$` : '';
    return `urn:pulumi:${stack}::${project}::${parentType}${type}::${name}`;
  };

  const monitor: grpc.UntypedServiceImplementation = {
    // Output values stay off, as in Pulumi's MockMonitor, so inputs arrive as plain values.
    supportsFeature(
      call: grpc.ServerUnaryCall<resourceProto.SupportsFeatureRequest, unknown>,
      callback: Callback<resourceProto.SupportsFeatureResponse>,
    ) {
      const response = new resourceProto.SupportsFeatureResponse();
      response.setHassupport(call.request.getId() !== 'outputValues');
      callback(null, response);
    },
    registerResource(
      call: grpc.ServerUnaryCall<resourceProto.RegisterResourceRequest, unknown>,
      callback: Callback<resourceProto.RegisterResourceResponse>,
    ) {
      answer(callback, async () => {
        const request = call.request;
        const [type, name, parent] = [request.getType(), request.getName(), request.getParent()];
        const inputs = unwrapSecrets(
          pulumi.runtime.deserializeProperties(request.getObject() ?? new Struct()),
        ) as Props;
        const custom = request.getCustom();
        const state = custom ? computedState(type, name, inputs) : {};
        const urn = urnOf(parent, type, name);
        resources.push({
          ...{ type, name, urn, parent, custom, inputs, state, outputs: undefined },
          protect: request.getProtect() ?? false,
          ignoreChanges: request.getIgnorechangesList(),
        });
        const response = new resourceProto.RegisterResourceResponse();
        response.setUrn(urn);
        response.setId(custom ? `${name}-id` : '');
        response.setObject(Struct.fromJavaScript(await pulumi.runtime.serializeProperties('mock', state)));
        return response;
      });
    },
    registerResourceOutputs(
      call: grpc.ServerUnaryCall<resourceProto.RegisterResourceOutputsRequest, unknown>,
      callback: Callback<Empty>,
    ) {
      answer(callback, () => {
        const found = resources.find((resource) => resource.urn === call.request.getUrn());
        if (!found) throw new Error(`outputs for unknown resource ${call.request.getUrn()}`);
        const outputs = call.request.getOutputs();
        found.outputs = outputs ? (unwrapSecrets(pulumi.runtime.deserializeProperties(outputs)) as Props) : {};
        return new Empty();
      });
    },
    invoke(
      call: grpc.ServerUnaryCall<resourceProto.ResourceInvokeRequest, unknown>,
      callback: Callback<providerProto.InvokeResponse>,
    ) {
      answer(callback, async () => {
        const response = new providerProto.InvokeResponse();
        const result = providerCall(call.request.getTok());
        response.setReturn(Struct.fromJavaScript(await pulumi.runtime.serializeProperties('mock', result)));
        return response;
      });
    },
    registerPackage(_call: unknown, callback: Callback<resourceProto.RegisterPackageResponse>) {
      callback(null, new resourceProto.RegisterPackageResponse().setRef('mock-package'));
    },
    registerStackTransform: empty,
    registerStackInvokeTransform: empty,
    registerResourceHook: empty,
    registerErrorHook: empty,
    signalAndWaitForShutdown: empty,
  };
  const engine: grpc.UntypedServiceImplementation = {
    log(call: grpc.ServerUnaryCall<engineProto.LogRequest, unknown>, callback: Callback<Empty>) {
      logs.push({ severity: SEVERITIES[call.request.getSeverity()] ?? 'unknown', message: call.request.getMessage() });
      callback(null, new Empty());
    },
    getRootResource(_call: unknown, callback: Callback<engineProto.GetRootResourceResponse>) {
      callback(null, new engineProto.GetRootResourceResponse().setUrn(root));
    },
    setRootResource(
      call: grpc.ServerUnaryCall<engineProto.SetRootResourceRequest, unknown>,
      callback: Callback<engineProto.SetRootResourceResponse>,
    ) {
      root = call.request.getUrn();
      callback(null, new engineProto.SetRootResourceResponse());
    },
    requirePulumiVersion: empty,
  };

  const server = new grpc.Server();
  server.addService(resourceRpc.ResourceMonitorService, monitor);
  server.addService(engineRpc.EngineService, engine);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    resources,
    logs,
    rootUrn: () => root,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
