/**
 * What is wrong with a base URL, or `undefined` when requests (and the token) can go there. The problem is said in
 * words without repeating the URL, which may hold a password.
 */
export function baseUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'expected an absolute http(s) URL such as https://app.opentrain.ai';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http or https URL';
  if (url.username || url.password) {
    return 'expected a URL without a user name or password (the API token comes from OPENTRAIN_API_TOKEN or the saved credentials)';
  }
  if (url.search || url.hash) return 'expected a base URL without a query string or fragment';
  return undefined;
}
