import { createHash } from 'node:crypto';
import { InvalidRequestError } from '@routewise/errors';
import { byokHeaderFor, PROVIDER_IDS, type ProviderId } from '@routewise/providers';
import { isTaskLabel, TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

/** Routing options a caller sends as headers. Caller keys live only here and in the provider call. */
export interface RoutingHeaders {
  userTier: string | null;
  taskOverride: TaskLabel | null;
  latency: 'low' | 'normal';
  callerKeys: ReadonlyMap<ProviderId, string>;
  /** Who is calling, as a short hash of the bearer token (Routewise never keeps the token itself). */
  callerKeyHash: string | null;
}

type HeaderBag = Record<string, string | string[] | undefined>;

/** Tier names are identifiers that rules compare and decision records keep. */
const USER_TIER = /^[A-Za-z0-9._:-]{1,64}$/;

/** A request without any routing headers (in-process use: warm-up, benchmarks). */
export const NO_ROUTING_HEADERS: RoutingHeaders = Object.freeze({
  userTier: null,
  taskOverride: null,
  latency: 'normal',
  callerKeys: new Map(),
  callerKeyHash: null,
});

export function readRoutingHeaders(headers: HeaderBag): RoutingHeaders {
  const single = (name: string) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text !== undefined && text.trim() !== '' ? text.trim() : null;
  };
  const task = single('x-routewise-task');
  if (task !== null && !isTaskLabel(task)) {
    throw new InvalidRequestError(`x-routewise-task must be one of ${TASK_LABELS.join(', ')}.`, 'x-routewise-task');
  }
  const latency = single('x-routewise-latency');
  if (latency !== null && latency !== 'low' && latency !== 'normal') {
    throw new InvalidRequestError("x-routewise-latency must be 'low' or 'normal'.", 'x-routewise-latency');
  }
  const userTier = single('x-routewise-user-tier');
  if (userTier !== null && !USER_TIER.test(userTier)) {
    throw new InvalidRequestError("x-routewise-user-tier must be 1 to 64 letters, digits, '.', '_', ':' or '-' (a tier name such as 'free').", 'x-routewise-user-tier');
  }
  const callerKeys = new Map<ProviderId, string>();
  for (const provider of PROVIDER_IDS) {
    const key = single(byokHeaderFor(provider));
    if (key !== null) callerKeys.set(provider, key);
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(single('authorization') ?? '')?.[1] ?? null;
  const callerKeyHash = bearer === null ? null : createHash('sha256').update(bearer).digest('hex').slice(0, 16);
  return { userTier, taskOverride: task, latency: latency ?? 'normal', callerKeys, callerKeyHash };
}
