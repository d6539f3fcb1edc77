export { RoutewiseError, errorTypeForStatus } from './routewise-error';
export type { RoutewiseErrorCode, RoutewiseErrorOptions, OpenAIErrorType } from './routewise-error';
export {
  InvalidRequestError,
  InvalidJsonError,
  RequestTooLargeError,
  UnsupportedMediaTypeError,
  InvalidContentEncodingError,
  ModelNotFoundError,
  ContextLengthExceededError,
  MissingProviderKeyError,
  NotFoundError,
  NotReadyError,
  UpstreamError,
  UpstreamTimeoutError,
  UnauthorizedError,
  ConflictError,
  InsufficientTrainingDataError,
} from './error-kinds';
export { toOpenAIErrorBody } from './openai-error-body';
export type { OpenAIErrorBody } from './openai-error-body';
export { errorMiddleware } from './express-error-middleware';
