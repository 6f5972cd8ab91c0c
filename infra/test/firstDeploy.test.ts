// The first `pulumi up`, before CI has pushed an image: everything but the ECS service, so the registry exists.
import { runProgram, type ProgramRun } from './mockedProgram';
import { types as T } from './stackInvariants';

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram('dev', { 'rampart:image': undefined });
});

it('creates the registry, database and secrets but no service while rampart:image is unset', () => {
  expect(run.ofType(T.repository)).toHaveLength(1);
  expect(run.ofType(T.db)).toHaveLength(1);
  expect(run.ofType(T.secretVersion)).toHaveLength(1);
  for (const type of [T.service, T.taskDefinition, T.loadBalancer, T.scalingTarget]) {
    expect(run.ofType(type)).toEqual([]);
  }
  expect(run.outputs.serviceUrl).toBeUndefined();
  expect(run.outputs.repositoryUrl).toMatch(/\.dkr\.ecr\./);
});
