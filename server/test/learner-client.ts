/**
 * A learner's browser, as far as the API sees it: fetch with the cookie the server gave it, and
 * JSON bodies.
 */
export class LearnerClient {
  /** `name=value` of the learner cookie, once the server has set it. */
  cookie: string | undefined;

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    if (body !== undefined && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('keyspace_learner='));
    if (set) this.cookie = set.split(';')[0];
    return response;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  put = (path: string, body?: unknown) => this.request('PUT', path, body);
  delete = (path: string) => this.request('DELETE', path);

  /** The body of a 2xx answer; anything else fails with the server's message. */
  async json<T = unknown>(response: Promise<Response> | Response): Promise<T> {
    const answered = await response;
    const text = await answered.text();
    if (!answered.ok) throw new Error(`${answered.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}
