import type { Base64ImageSource, ImageBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { InvalidRequestError } from '@routewise/errors';

const SUPPORTED_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** An OpenAI `image_url` part as an Anthropic image block: `data:` URLs inline (base64), http(s) URLs by reference. */
export function toAnthropicImage(url: string, param: string): ImageBlockParam {
  const dataUrl = DATA_URL.exec(url);
  if (dataUrl !== null) {
    const mediaType = (dataUrl[1] ?? '').toLowerCase();
    if (!isSupportedMediaType(mediaType)) {
      throw new InvalidRequestError(
        `Anthropic models accept JPEG, PNG, GIF and WebP images; this data URL is '${mediaType}'.`,
        param,
      );
    }
    return { type: 'image', source: { type: 'base64', media_type: mediaType, data: dataUrl[2] ?? '' } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new InvalidRequestError('An image must be a base64 data: URL or an http(s) URL.', param);
}

function isSupportedMediaType(mediaType: string): mediaType is Base64ImageSource['media_type'] {
  return SUPPORTED_MEDIA_TYPES.has(mediaType);
}
