/**
 * Drops the `routewise` routing options a client may put in the body: they are for the router, and strict
 * providers (OpenAI itself) reject unknown fields.
 */
export function withoutRoutewiseOptions<Request extends object>(request: Request): Request {
  if (!Object.hasOwn(request, 'routewise')) return request;
  const { routewise: _routewise, ...rest } = request as Request & { routewise?: unknown };
  return rest as Request;
}
