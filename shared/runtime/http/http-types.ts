/** A request as the route handlers see it: parsed, size-checked, header names lower-cased. */
export interface HttpRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  /** Values of `{name}` segments of the matched route. */
  readonly params: Readonly<Record<string, string>>;
  /**
   * Query string parameters: every value of each key, in order, decoded from the raw query string
   * (a repeated key has several; a comma inside a value stays in it). Routes read them with
   * `parseQuery`, which refuses a repeated key.
   */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** Headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text ('' when none). */
  readonly rawBody: string;
  /** Source IP, when known. */
  readonly sourceIp?: string;
}

/** A response: a JSON value, a string, or a Buffer (sent base64-encoded) with its own content type. */
export interface HttpResponse {
  /** HTTP status. */
  readonly statusCode: number;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-serialisable value, or a string sent as is. */
  readonly body?: unknown;
}

/** A route's handler. */
export type RouteHandler = (request: HttpRequest) => Promise<HttpResponse>;
