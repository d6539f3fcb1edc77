import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error';
import { routewiseConfigSchema, type RoutewiseConfig } from './routewise-config-schema';

/** The config file shipped in the repo (`config/routewise.yaml`), used when ROUTEWISE_CONFIG is not set. */
export const DEFAULT_CONFIG_PATH = path.resolve(__dirname, '../../../config/routewise.yaml');

/** Reads, parses and validates the config file once; the result is deeply frozen. */
export function loadRoutewiseConfig(configPath: string = DEFAULT_CONFIG_PATH): RoutewiseConfig {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new ConfigError(configPath, [`cannot read the file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(configPath, [`not valid YAML: ${(error as Error).message}`]);
  }
  return parseRoutewiseConfig(raw, configPath);
}

export function parseRoutewiseConfig(raw: unknown, source = 'config'): RoutewiseConfig {
  const result = routewiseConfigSchema.safeParse(raw);
  if (!result.success) throw ConfigError.fromZod(source, result.error);
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
