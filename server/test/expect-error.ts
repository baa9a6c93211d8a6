import { expect } from 'vitest';

/** An error answer as the API promises them: JSON `{ error, message }`, no stack, no paths. */
export async function expectError(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(body.message).toMatch(message);
  expect(JSON.stringify(body)).not.toMatch(/\s+at |node_modules|\/work\//);
}
