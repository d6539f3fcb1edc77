import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random ids shaped like the providers' own: `chatcmpl-...`, `call_...`, `msg_01...`, `toolu_01...`, `req_...`. */
export function fakeId(prefix: string, length: number, alphabet: string = BASE62): string {
  let id = prefix;
  for (let index = 0; index < length; index += 1) id += alphabet[randomInt(alphabet.length)];
  return id;
}

export const HEX = '0123456789abcdef';
