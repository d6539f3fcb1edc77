import path from 'node:path';
import { loadRoutewiseConfig, loadWorkload } from '@routewise/config';
import { ConfiguredRoutingPolicy, estimateWorkloadCost } from '@routewise/policy';

const workload = loadWorkload(path.resolve(__dirname, '../../../config/workloads/seed-example.yaml'));
const policy = new ConfiguredRoutingPolicy(loadRoutewiseConfig());

describe('estimateWorkloadCost on the seed example', () => {
  const estimate = estimateWorkloadCost(workload, policy);
  const segment = (name: string) => estimate.segments.find((candidate) => candidate.name === name)!;

  it('reproduces the seed’s Scenario A exactly: $5,287.50 on Claude Opus 4', () => {
    // 50k × (200×15 + 50×75)/1M = 337.5; 30k × (500×15 + 400×75)/1M = 1,125; 15k × (3,000×15 + 800×75)/1M = 1,575;
    // 5k × (20,000×15 + 2,000×75)/1M = 2,250
    expect(segment('classification').baseline.usd).toBeCloseTo(337.5, 6);
    expect(segment('chat').baseline.usd).toBeCloseTo(1125, 6);
    expect(segment('coding').baseline.usd).toBeCloseTo(1575, 6);
    expect(segment('hard reasoning / long context').baseline.usd).toBeCloseTo(2250, 6);
    expect(estimate.totals.baselineUsd).toBeCloseTo(5287.5, 6);
  });

  it('prices Scenario B where the default policy routes each segment', () => {
    expect(segment('classification').routed).toMatchObject({ model: 'gpt-4o-mini' });
    expect(segment('classification').routed.usd).toBeCloseTo(3, 6); // 50k × (200×0.15 + 50×0.60)/1M
    expect(segment('chat').routed.usd).toBeCloseTo(18.33, 6); // 30k × (500×0.59 + 400×0.79)/1M on Llama 3.3 70B
    expect(segment('coding').routed).toMatchObject({ model: 'claude-sonnet-5-5' });
    expect(segment('coding').routed.usd).toBeCloseTo(210, 6); // 15k × (3,000×2 + 800×10)/1M
    expect(segment('hard reasoning / long context').routed).toMatchObject({ model: 'o3' });
    expect(segment('hard reasoning / long context').routed.usd).toBeCloseTo(280, 6); // 5k × (20,000×2 + 2,000×8)/1M
    expect(estimate.totals.routedUsd).toBeCloseTo(511.33, 6);
  });

  it('prices Scenario C: the cheap model always, the routed one at the escalation rate', () => {
    // coding: 15k × ((3,000×0.28 + 800×0.42)/1M + 0.30 × 0.014) = 15k × 0.005376
    expect(segment('coding').cascaded).toMatchObject({ models: ['deepseek-chat', 'claude-sonnet-5-5'], escalationRate: 0.3 });
    expect(segment('coding').cascaded.usd).toBeCloseTo(80.64, 6);
    expect(segment('classification').cascaded.usd).toBeCloseTo(3, 6);
    expect(estimate.totals.cascadedUsd).toBeCloseTo(3 + 6.2925 + 80.64 + 157, 6);
    // With every answer escalated, cascading costs more than routing alone.
    expect(estimateWorkloadCost(workload, policy, 1).totals.cascadedUsd).toBeGreaterThan(estimate.totals.routedUsd);
  });
});

describe('loadWorkload', () => {
  it('names what is wrong with a workload file', () => {
    expect(() => loadWorkload(path.resolve(__dirname, 'no-such-workload.yaml'))).toThrow(/cannot read the workload/);
  });
});
